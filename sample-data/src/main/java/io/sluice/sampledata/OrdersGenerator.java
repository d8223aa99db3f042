package io.sluice.sampledata;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The ETL inputs under {@code etl/}: the same orders as CSV and as JSON Lines, and their schema
 * (JSON and YAML, keyed on {@code order_id}, partitioned by {@code order_date}).
 *
 * <p>{@value #ORDERS_PER_SCALE} orders per scale over five days from 1 March 2024. Every {@code
 * customer} is a customer id of the churn table ({@link ChurnGenerator#customerId}), so orders join
 * with churn predictions. About one order in 50 (after the first 20) repeats an earlier {@code
 * order_id}: a corrected row, and the later row wins. Some values need trimming or are empty.
 *
 * <p>Deliberately bad rows, placed by the order number {@code i % 1000} they follow:
 *
 * <ul>
 *   <li>CSV: after 300 a row a column short; after 450 an empty {@code amount} (a required field);
 *       after 600 the amount {@code 12.3.4}; after 900 the date {@code 2024-03-32}.
 *   <li>JSON Lines: after 400 a line cut short; after 700 a text {@code order_id}; after 800 a line
 *       without {@code order_date} (required).
 * </ul>
 */
public final class OrdersGenerator implements SampleDataset {

  public static final String CSV = "etl/orders.csv";
  public static final String JSONL = "etl/orders.jsonl";
  public static final String SCHEMA_JSON = "etl/orders.schema.json";
  public static final String SCHEMA_YAML = "etl/orders.schema.yaml";
  public static final int ORDERS_PER_SCALE = 1_000;

  /** First order id; ids of good orders are {@code FIRST_ID + i}. */
  public static final long FIRST_ID = 1_000;

  private static final LocalDate FIRST_DAY = LocalDate.of(2024, 3, 1);
  private static final int DAYS = 5;
  private static final String[] COUNTRIES = {"DE", "FR", "JP", "SE", "US", ""};
  private static final String CSV_HEADER =
      "order_id,customer,country,amount,quantity,paid,order_date,updated_at,channel";

  @Override
  public String name() {
    return "orders";
  }

  /** An order as written: text fields exactly as they appear in the file. */
  private record Order(
      long id,
      String customer,
      String country,
      String amount,
      String quantity,
      String paid,
      String date,
      String updatedAt) {}

  @Override
  public List<GeneratedFile> write(Path root, GenerationSettings settings) throws IOException {
    SplittableRandom random = new SplittableRandom(settings.seedFor(CSV));
    long count = (long) ORDERS_PER_SCALE * settings.scale();
    long customers = ChurnGenerator.rows(settings.scale());
    GeneratedFile csvFile;
    GeneratedFile jsonlFile;
    try (LineFileWriter csv = new LineFileWriter(root, CSV);
        LineFileWriter jsonl = new LineFileWriter(root, JSONL)) {
      csv.header(CSV_HEADER);
      for (long i = 0; i < count; i++) {
        boolean correction = i >= 20 && random.nextInt(50) == 0;
        long id = correction ? FIRST_ID + random.nextLong(i) : FIRST_ID + i;
        LocalDate day = FIRST_DAY.plusDays((id - FIRST_ID) * DAYS / count);
        String amount =
            String.format(Locale.ROOT, "%d.%02d", 5 + random.nextInt(400), random.nextInt(100));
        String updated =
            day
                + (random.nextBoolean() ? "T" : " ")
                + String.format(
                    Locale.ROOT,
                    "%02d:%02d:%02d",
                    random.nextInt(24),
                    random.nextInt(60),
                    random.nextInt(60))
                + (random.nextBoolean() ? "Z" : "");
        Order o =
            new Order(
                id,
                ChurnGenerator.customerId(1 + random.nextLong(customers)),
                COUNTRIES[random.nextInt(COUNTRIES.length)],
                i % 17 == 0 ? " " + amount + " " : amount,
                random.nextInt(9) == 0 ? "" : String.valueOf(1 + random.nextInt(5)),
                random.nextBoolean() ? "true" : "false",
                day.toString(),
                i % 13 == 0 ? "" : updated);
        csv.record(csvLine(o, i));
        jsonl.record(jsonLine(o, i));
        writeBadRows(csv, jsonl, i, count);
      }
      csvFile = csv.finish();
      jsonlFile = jsonl.finish();
    }
    return List.of(
        csvFile,
        jsonlFile,
        LineFileWriter.textFile(root, SCHEMA_JSON, SCHEMA_JSON_TEXT),
        LineFileWriter.textFile(root, SCHEMA_YAML, SCHEMA_YAML_TEXT));
  }

  private static String csvLine(Order o, long i) {
    String customer = i % 2 == 0 ? "\"" + o.customer() + "\"" : o.customer();
    return String.join(
        ",",
        String.valueOf(o.id()),
        customer,
        o.country(),
        o.amount(),
        o.quantity(),
        o.paid(),
        o.date(),
        o.updatedAt(),
        i % 3 == 0 ? "web" : "store");
  }

  private static String jsonLine(Order o, long i) {
    // Amounts alternate between JSON numbers and quoted text, which the schema reads the same way.
    return "{\"order_id\":"
        + o.id()
        + ",\"customer\":\""
        + o.customer()
        + '"'
        + (o.country().isEmpty() ? "" : ",\"country\":\"" + o.country() + "\"")
        + ",\"amount\":"
        + (i % 2 == 0 ? o.amount().trim() : "\"" + o.amount() + "\"")
        + ",\"quantity\":"
        + (o.quantity().isEmpty() ? "null" : o.quantity())
        + ",\"paid\":"
        + o.paid()
        + ",\"order_date\":\""
        + o.date()
        + '"'
        + (o.updatedAt().isEmpty() ? "" : ",\"updated_at\":\"" + o.updatedAt() + "\"")
        + "}";
  }

  /**
   * The deliberately bad rows that follow order {@code i}; their ids are past every good order's.
   */
  private static void writeBadRows(LineFileWriter csv, LineFileWriter jsonl, long i, long count)
      throws IOException {
    long badId = FIRST_ID + count + i;
    String customer = ChurnGenerator.customerId(1 + i % 97);
    switch ((int) (i % 1000)) {
      case 300 ->
          csv.badRecord(badId + "," + customer + ",DE,12.50,1,true,2024-03-02"); // a column short
      case 450 ->
          csv.badRecord(
              badId + "," + customer + ",FR,,3,true,2024-03-03,,web"); // required amount empty
      case 600 ->
          csv.badRecord(
              badId + "," + customer + ",JP,12.3.4,2,false,2024-03-04,2024-03-04T09:00:00Z,web");
      case 900 ->
          csv.badRecord(
              badId + "," + customer + ",SE,40.00,1,true,2024-03-32,,store"); // no such day
      case 400 ->
          jsonl.badRecord(
              "{\"order_id\":"
                  + badId
                  + ",\"customer\":\""
                  + customer
                  + "\",\"amount\":9.99,\"order_date\":\"2024-03-03\""); // cut short
      case 700 ->
          jsonl.badRecord(
              "{\"order_id\":\"seventy\",\"customer\":\""
                  + customer
                  + "\",\"amount\":1,\"order_date\":\"2024-03-04\"}");
      case 800 ->
          jsonl.badRecord(
              "{\"order_id\":"
                  + badId
                  + ",\"customer\":\""
                  + customer
                  + "\",\"amount\":5.25,\"paid\":true}"); // no order_date
      default -> {}
    }
  }

  private static final String SCHEMA_JSON_TEXT =
      """
      {
        "fields": [
          {"name": "order_id", "type": "long", "nullable": false},
          {"name": "customer", "type": "string", "nullable": false},
          {"name": "country", "type": "string"},
          {"name": "amount", "type": "double", "nullable": false},
          {"name": "quantity", "type": "int"},
          {"name": "paid", "type": "boolean"},
          {"name": "order_date", "type": "date", "nullable": false},
          {"name": "updated_at", "type": "timestamp"}
        ],
        "key": ["order_id"],
        "partitionBy": "order_date"
      }
      """;

  private static final String SCHEMA_YAML_TEXT =
      """
      # The same schema as orders.schema.json, in YAML. customer holds a customer_id of ml/customer-churn.csv.
      fields:
        - name: order_id
          type: long
          nullable: false
        - {name: customer, type: string, nullable: false}
        - {name: country, type: string}
        - name: amount
          type: double
          nullable: false
        - {name: quantity, type: int}
        - {name: paid, type: boolean}
        - {name: order_date, type: date, nullable: false}
        - {name: updated_at, type: timestamp}
      key: [order_id]
      partitionBy: order_date
      """;
}
