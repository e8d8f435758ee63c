"""Django's database cache with an atomic incr().

The rate limits count with cache.add() and cache.incr(). Django's DatabaseCache inherits incr()
as a get followed by a set, so two app servers counting the same request burst at once can both
read 7 and both write 8 (django-ratelimit's system check calls the backend "not atomic" for that
reason). Here the row is locked (SELECT … FOR UPDATE on PostgreSQL; SQLite has one writer at a
time) and rewritten in one transaction, keeping its expiry. Redis, when REDIS_URL is set, has an
atomic INCR of its own."""

import base64
import pickle

from django.core.cache.backends import db
from django.db import connections, router, transaction
from django.utils import timezone


class DatabaseCache(db.DatabaseCache):
    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        using = router.db_for_write(self.cache_model_class)
        connection = connections[using]
        quote = connection.ops.quote_name
        table = quote(self._table)
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        now = connection.ops.adapt_datetimefield_value(timezone.now().replace(microsecond=0))
        with transaction.atomic(using=using), connection.cursor() as cursor:
            cursor.execute(f"SELECT {quote('value')} FROM {table} WHERE {quote('cache_key')} = %s "
                           f"AND {quote('expires')} >= %s{lock}", [key, now])
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(connection.ops.process_clob(row[0]).encode())) + delta
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(f"UPDATE {table} SET {quote('value')} = %s WHERE {quote('cache_key')} = %s", [encoded, key])
        return value
