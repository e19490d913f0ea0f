"""The Exchange page: partner workbooks out and worked files back."""
