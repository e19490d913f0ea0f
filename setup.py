"""The packages of the wheel; pyproject.toml holds everything else.

Here because pyproject.toml cannot both find the package's folders and add one that lives
outside it: the top-level ``resources/`` folder, installed as ``member_reach/resources``
(``[tool.setuptools.package-dir]``), where ``member_reach/assets.py`` looks for it.
"""

from setuptools import find_namespace_packages, setup

setup(packages=[*find_namespace_packages(include=["member_reach*"]), "member_reach.resources"])
