"""Write many rows at once, fast: notification waves store millions of them.

Django's `bulk_create` on PostgreSQL sends `INSERT ... SELECT * FROM UNNEST(arrays)`: every
value goes through its field's `get_db_prep_save` and psycopg's array dumper, both in Python,
and for a wave that costs several times the database's own work. COPY streams the rows
instead, formatted by psycopg's C code. COPY cannot say which ids it gave, so when the caller
needs them they are taken from the table's sequence first, as INSERT would have taken them.
Other databases (SQLite, the embedded default) go through `bulk_create`: same rows, same ids.

The rows skip the ORM on PostgreSQL: values must be what the database stores (str, int, bool,
None, aware datetime, date), and no signal is sent (`bulk_create` sends none either). A column
left out gets its field's default, computed once per call (`auto_now` fields: the time of the
call), where `bulk_create` computes it per row.
"""

from collections.abc import Sequence

from django.db import connection, models, transaction
from django.utils import timezone


def bulk_insert(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Sequence[Sequence],
    *,
    return_ids: bool = False,
) -> list[int] | None:
    """Insert `rows` (values in the order of `fields`, attribute names such as "person_id").

    Returns the new rows' ids in the order of `rows` when `return_ids`, else None. Runs in
    the caller's transaction (or its own): a failure leaves none of the rows.
    """
    if not rows:
        return [] if return_ids else None
    meta = model._meta
    given = [meta.get_field(name) for name in fields]
    if connection.vendor != "postgresql":
        attnames = [f.attname for f in given]
        created = model._default_manager.bulk_create(
            [model(**dict(zip(attnames, row, strict=True))) for row in rows]
        )
        return [obj.pk for obj in created] if return_ids else None

    names = {f.attname for f in given}
    now = timezone.now()
    missing = [f for f in meta.concrete_fields if not f.primary_key and f.attname not in names]
    defaults = tuple(
        f.get_db_prep_save(
            now
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            # The ORM's default for an instance built without this field.
            else f.get_default(),
            connection,
        )
        for f in missing
    )
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    columns = [f.column for f in (*given, *missing)]
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        ids = None
        if return_ids:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, meta.pk.column, len(rows)],
            )
            ids = [row[0] for row in cursor.fetchall()]
            columns.insert(0, meta.pk.column)
        statement = f"COPY {table} ({', '.join(map(quote, columns))}) FROM STDIN"
        # The driver's own cursor: its errors are turned into Django's, as the ORM's are.
        with connection.wrap_database_errors, cursor.cursor.copy(statement) as copy:
            if ids is None:
                for row in rows:
                    copy.write_row((*row, *defaults))
            else:
                for pk, row in zip(ids, rows, strict=True):
                    copy.write_row((pk, *row, *defaults))
    return ids
