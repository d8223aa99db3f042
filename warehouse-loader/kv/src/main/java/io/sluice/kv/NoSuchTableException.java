package io.sluice.kv;

import io.sluice.errors.UserError;

/** The named table does not exist (or is not ACTIVE yet) at the endpoint. */
public final class NoSuchTableException extends KeyValueStoreException implements UserError {
  private static final long serialVersionUID = 1L;

  public NoSuchTableException(String table, String endpoint) {
    super(
        String.format(
            "no table '%1$s' at %2$s (create it with `sluice kv create-table %1$s --key NAME`"
                + " or load into it with `sluice load kv`)",
            table, endpoint));
  }
}
