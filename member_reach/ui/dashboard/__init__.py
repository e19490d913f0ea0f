"""The Dashboard: goals filling up, membership figures."""
