package io.sluice.functions;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A handler's {@code context.getLogger()}: each call is one SLF4J event (stderr) on the logger
 * {@code function.<function name>}, at the level the handler gives (INFO when none), with the
 * request id in front as Lambda's log lines have it.
 */
final class Slf4jLambdaLogger implements LambdaLogger {
  private final Logger log;
  private final String requestId;

  Slf4jLambdaLogger(String functionName, String requestId) {
    this.log = LoggerFactory.getLogger("function." + functionName);
    this.requestId = requestId;
  }

  @Override
  public void log(String message) {
    log(message, LogLevel.UNDEFINED);
  }

  @Override
  public void log(byte[] message) {
    log(new String(message, StandardCharsets.UTF_8), LogLevel.UNDEFINED);
  }

  @Override
  public void log(byte[] message, LogLevel level) {
    log(new String(message, StandardCharsets.UTF_8), level);
  }

  @Override
  public void log(String message, LogLevel level) {
    String text = message == null ? "null" : message.stripTrailing();
    switch (level == null ? LogLevel.UNDEFINED : level) {
      case TRACE -> log.trace("{} {}", requestId, text);
      case DEBUG -> log.debug("{} {}", requestId, text);
      case WARN -> log.warn("{} {}", requestId, text);
      case ERROR, FATAL -> log.error("{} {}", requestId, text);
      default -> log.info("{} {}", requestId, text);
    }
  }
}
