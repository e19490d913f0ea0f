"""Exchange: the call partner's workbook out, the worked file back, the results workbook."""
