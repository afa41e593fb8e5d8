package io.gureum.core.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.gureum.core.error.CommonErrors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** CBOR documents through Jackson's CBOR module: parsing into a tree, generating, tagged timestamps. */
final class CborValues {
    /** The same nesting limit as JSON bodies ({@link RestBinding#MAX_NESTING}). */
    private static final CBORMapper MAPPER = new CBORMapper(com.fasterxml.jackson.dataformat.cbor.CBORFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxNestingDepth(RestBinding.MAX_NESTING).build()).build());

    private CborValues() {
    }

    /** The request body as a map; an empty body is an empty map (rpcv2Cbor allows it for empty inputs). */
    static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode tree = MAPPER.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw CommonErrors.serialization("The request body must be a CBOR map");
            }
            return tree;
        } catch (IOException e) {
            throw CommonErrors.serialization("Malformed CBOR in the request body");
        }
    }

    static byte[] write(JsonCodec.JsonWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A timestamp as CBOR tag 1 (epoch-based date/time, RFC 8949 §3.4.2): epoch seconds as a float, or for
     * the SDK's awsJson-over-CBOR, epoch milliseconds as an integer.
     */
    static void writeTimestamp(JsonGenerator g, Instant value, boolean millis) throws IOException {
        if (g instanceof CBORGenerator cbor) {
            cbor.writeTag(1);
        }
        if (millis) {
            g.writeNumber(value.toEpochMilli());
        } else {
            g.writeNumber(value.toEpochMilli() / 1000.0);
        }
    }
}
