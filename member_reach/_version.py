"""The version a build baked in, so that the frozen app never asks for its package metadata.

None here: ``member_reach.__version__`` is read from the installed package. The frozen app's
copy of this module is written by ``packaging/member_reach.spec`` from pyproject.toml
(importlib.metadata alone took a fifth of the frozen ``--version``'s 0.3 s budget).
"""

BAKED: str | None = None
