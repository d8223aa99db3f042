package io.sluice.warehouse;

/** A Parquet column has a type the target warehouse cannot hold. Names the column and the type. */
public class UnsupportedColumnTypeException extends InvalidLoadRequestException {
  private static final long serialVersionUID = 1L;

  public UnsupportedColumnTypeException(
      String column, String parquetType, SqlDialect dialect, String hint) {
    super(
        "column '"
            + column
            + "' has Parquet type "
            + parquetType
            + ", which "
            + dialect.name().toLowerCase(java.util.Locale.ROOT)
            + " cannot hold"
            + (hint == null ? "" : "; " + hint));
  }
}
