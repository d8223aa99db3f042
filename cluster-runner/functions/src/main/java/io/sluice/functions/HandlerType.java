package io.sluice.functions;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;

/**
 * Which of Lambda's handler interfaces a class implements and, for {@code RequestHandler<I, O>},
 * its input and output types as its generic declaration gives them (Object where a type variable
 * stays open), which is how Lambda's runtime picks the (de)serializers.
 */
record HandlerType(boolean stream, Type input, Type output) {

  /** The handler type of {@code c}, or null if it implements neither interface. */
  static HandlerType of(Class<?> c) {
    if (RequestStreamHandler.class.isAssignableFrom(c)) {
      return new HandlerType(true, null, null);
    }
    if (!RequestHandler.class.isAssignableFrom(c)) {
      return null;
    }
    Type[] io = find(c, new HashMap<>());
    if (io == null) {
      return new HandlerType(false, Object.class, Object.class);
    }
    return new HandlerType(false, io[0], io[1]);
  }

  /** The input's raw class. */
  Class<?> inputClass() {
    return raw(input);
  }

  /** The output's raw class. */
  Class<?> outputClass() {
    return raw(output);
  }

  private static Type[] find(Type type, Map<TypeVariable<?>, Type> bindings) {
    Class<?> c = raw(type);
    if (c == null) {
      return null;
    }
    if (type instanceof ParameterizedType p) {
      TypeVariable<?>[] vars = c.getTypeParameters();
      Type[] args = p.getActualTypeArguments();
      Map<TypeVariable<?>, Type> inner = new HashMap<>(bindings);
      for (int i = 0; i < vars.length && i < args.length; i++) {
        inner.put(vars[i], resolve(args[i], bindings));
      }
      bindings = inner;
      if (c == RequestHandler.class) {
        return new Type[] {resolve(args[0], bindings), resolve(args[1], bindings)};
      }
    }
    for (Type i : c.getGenericInterfaces()) {
      Type[] found = find(i, bindings);
      if (found != null) {
        return found;
      }
    }
    return c.getGenericSuperclass() == null ? null : find(c.getGenericSuperclass(), bindings);
  }

  private static Type resolve(Type t, Map<TypeVariable<?>, Type> bindings) {
    if (t instanceof TypeVariable<?> v) {
      Type bound = bindings.get(v);
      return bound == null || bound instanceof TypeVariable<?> ? Object.class : bound;
    }
    return t;
  }

  static Class<?> raw(Type t) {
    if (t instanceof Class<?> c) {
      return c;
    }
    if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return t == null ? null : Object.class;
  }
}
