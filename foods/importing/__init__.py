"""Import USDA food data: read an SR28 release (sr28.py) or an FDC download (fdc.py) into
records (records.py), checked line by line (tables.py), then save them (saving.py) and
refresh the query planner's statistics (planner.py)."""
