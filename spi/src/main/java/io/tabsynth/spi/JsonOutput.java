package io.tabsynth.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;

/**
 * The JSON configuration of everything tabsynth writes (models, reports, lineage records, certificates): doubles in
 * their shortest exact decimal form, the same on every JDK. Java 17's {@code Double.toString} writes some doubles
 * with a digit too many ({@code 1.0E23} as {@code 9.999999999999999E22}), later JDKs do not, so the same model or
 * report would differ by a byte between them.
 */
public final class JsonOutput {
    private static final ObjectWriter PRETTY = mapper().writerWithDefaultPrettyPrinter();

    private JsonOutput() {
    }

    /** A new mapper writing doubles in their shortest form (Schubfach, as Java 19 and later). */
    public static ObjectMapper mapper() {
        return JsonMapper.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
    }

    /**
     * The bytes of a JSON file people read (reports, specs, certificates, notebooks): {@code value} indented, in
     * UTF-8, ending with a newline. {@code what} names it in the error if it cannot be encoded.
     */
    public static byte[] pretty(Object value, String what) {
        try {
            return (PRETTY.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new TabsynthException("cannot encode the " + what + ": " + e.getMessage(), e);
        }
    }
}
