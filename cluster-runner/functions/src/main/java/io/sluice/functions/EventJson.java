package io.sluice.functions;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Type;

/**
 * A handler's input and output as JSON, with the serializers Lambda's Java runtime picks: for an
 * AWS event class ({@code LambdaEventSerializers.isLambdaSupportedEvent}) its event serializer,
 * which knows the field names AWS services send; for anything else (POJOs, maps, strings, numbers)
 * the runtime's Jackson.
 */
final class EventJson {
  private final String handler;
  private final HandlerType type;
  private final PojoSerializer<Object> input;
  private final PojoSerializer<Object> output;

  EventJson(String handler, HandlerType type) {
    this.handler = handler;
    this.type = type;
    this.input = type.stream() ? null : serializerFor(type.input());
    this.output = type.stream() ? null : serializerFor(type.output());
  }

  /**
   * The event serializers load the event classes and their dependencies (Joda-Time) by name from
   * the loader they are given: the host's, which is where a handler's event classes come from too
   * ({@link FunctionClassLoader} shares them).
   */
  @SuppressWarnings("unchecked")
  static PojoSerializer<Object> serializerFor(Type type) {
    if (type instanceof Class<?> c && LambdaEventSerializers.isLambdaSupportedEvent(c.getName())) {
      return (PojoSerializer<Object>)
          LambdaEventSerializers.serializerFor(c, EventJson.class.getClassLoader());
    }
    return JacksonFactory.getInstance().getSerializer(type);
  }

  /** The event deserialized into the handler's input type. */
  Object input(byte[] json) {
    try {
      return input.fromJson(new ByteArrayInputStream(json));
    } catch (RuntimeException e) {
      throw new FunctionException(
          "the event does not deserialize into "
              + type.input().getTypeName()
              + ", the input type of handler "
              + handler
              + ": "
              + FunctionFailedException.oneLine(String.valueOf(rootMessage(e))),
          e);
    }
  }

  /** The handler's output as JSON. */
  byte[] output(Object value, String requestId) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      output.toJson(value, out);
      return out.toByteArray();
    } catch (RuntimeException e) {
      throw new FunctionFailedException(
          handler,
          requestId,
          "Runtime.SerializationError",
          "the output of handler " + handler + " does not serialize to JSON: " + rootMessage(e),
          e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
