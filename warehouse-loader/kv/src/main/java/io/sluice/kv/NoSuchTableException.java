package io.sluice.kv;

import io.sluice.errors.UserError;

/** The named table does not exist (or is not ACTIVE yet) at the endpoint. */
public final class NoSuchTableException extends KeyValueStoreException implements UserError {
  private static final long serialVersionUID = 1L;

  public NoSuchTableException(String table, String endpoint) {
    super(
        "no table '"
            + table
            + "' at "
            + endpoint
            + " (create it with `sluice kv create-table "
            + table
            + " --key NAME` or load into it with `sluice load kv`)");
  }
}
