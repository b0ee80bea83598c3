"""Query planner statistics after a bulk load of foods; kept apart from the readers so that
`manage.py load_foods` does not import pandas."""

from django.db import connection

from foods.models import Food, Portion


def analyze_foods() -> None:
    """Refresh the query planner's statistics on the food tables after a bulk load.

    Without them SQLite guesses that `created_by_id IS NULL` (the shared foods, every food
    but the custom ones) picks few rows, and reads the whole food list through that index
    row by row, where one scan of the table is far cheaper (the search page's food groups).
    PostgreSQL's autovacuum would get there too, later.
    """
    with connection.cursor() as cursor:
        for table in (Food._meta.db_table, Portion._meta.db_table):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
