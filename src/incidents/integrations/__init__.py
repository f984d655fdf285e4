"""Bridges to engines people already run: :mod:`.ray_data` (Ray Data, ``incidents[ray]``)."""
