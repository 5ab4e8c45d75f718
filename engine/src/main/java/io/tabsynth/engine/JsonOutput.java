package io.tabsynth.engine;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON configuration of everything tabsynth writes (models, reports, lineage records, certificates): doubles in
 * their shortest exact decimal form, the same on every JDK. Java 17's {@code Double.toString} writes some doubles
 * with a digit too many ({@code 1.0E23} as {@code 9.999999999999999E22}), later JDKs do not, so the same model or
 * report would differ by a byte between them.
 */
public final class JsonOutput {
    private JsonOutput() {
    }

    /** A new mapper writing doubles in their shortest form (Schubfach, as Java 19 and later). */
    public static ObjectMapper mapper() {
        return JsonMapper.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
    }
}
