package dev.lanyard.model.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.util.List;

/**
 * The one way Lanyard turns its records into JSON and back, so that the server, the kiosk and
 * outside tools see exactly the wire format of the API contract.
 */
public final class Json {
    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private Json() {
    }

    /** The shared, thread-safe mapper. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Applies Lanyard's wire conventions to a mapper another library created (e.g. Javalin's). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.registerModule(new JavaTimeModule());
        // record accessors and constructors through generated lambdas instead of reflection: JSON is most of a push's
        // CPU
        mapper.registerModule(new BlackbirdModule());
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
        // newer clients may send fields this version does not know; they are ignored, not fatal
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(1_000_000)
                .maxNestingDepth(64)
                .build());
        return mapper;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static byte[] writeBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads a value; any problem becomes a {@link InvalidMessageException} whose message names
     * the offending field (for example {@code ops[2].hlc.wall: must be a number}).
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException(describe(e), e);
        }
    }

    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (java.io.IOException e) {
            throw new InvalidMessageException(describe(e), e);
        }
    }

    /** A message for a person: where in the document the problem is, and what it is. */
    public static String describe(Throwable e) {
        if (!(e instanceof JsonMappingException mapping)) {
            if (e instanceof JsonProcessingException processing) {
                return "malformed JSON: " + processing.getOriginalMessage();
            }
            return "unreadable body: " + e.getMessage();
        }
        String path = path(mapping.getPath());
        String problem;
        if (mapping instanceof ValueInstantiationException && mapping.getCause() != null) {
            problem = mapping.getCause().getMessage();
        } else if (mapping instanceof InvalidFormatException format) {
            problem = "invalid value " + abbreviate(String.valueOf(format.getValue()))
                    + (format.getTargetType() != null && format.getTargetType().isEnum()
                    ? " (expected one of " + List.of(format.getTargetType().getEnumConstants()) + ")"
                    : " (expected " + simpleName(format.getTargetType()) + ")");
        } else if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            problem = "expected " + simpleName(mismatch.getTargetType());
        } else {
            problem = mapping.getOriginalMessage();
        }
        return path.isEmpty() ? problem : path + ": " + problem;
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String simpleName(Class<?> type) {
        if (type == null) {
            return "a value";
        }
        if (Number.class.isAssignableFrom(type) || type == long.class || type == int.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (type == java.time.LocalDate.class) {
            return "a date YYYY-MM-DD";
        }
        return type.isRecord() || java.util.Map.class.isAssignableFrom(type) ? "an object" : type.getSimpleName();
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? "\"" + value.substring(0, 40) + "…\"" : "\"" + value + "\"";
    }
}
