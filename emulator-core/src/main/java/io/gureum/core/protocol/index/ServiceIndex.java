package io.gureum.core.protocol.index;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What Gureum needs to know of one SDK service, generated at build time by {@link ServiceIndexBuilder}
 * and stored as {@code META-INF/gureum/index/<clientInterface>.json}.
 *
 * @param protocol AWS's protocol name as the SDK spells it: json, rest-json, query, ec2, rest-xml, cbor,
 *     smithy-rpc-v2-cbor
 * @param jsonContentType the content type the JSON protocol factory writes (e.g. application/x-amz-json-1.0)
 * @param awsQueryCompatible whether JSON errors also carry the legacy query code header
 */
public record ServiceIndex(
        String clientInterface,
        String serviceName,
        String protocol,
        String apiVersion,
        String targetPrefix,
        String jsonContentType,
        boolean awsQueryCompatible,
        List<OperationEntry> operations,
        List<ErrorEntry> errors) {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static String resourcePath(String clientInterface) {
        return "META-INF/gureum/index/" + clientInterface + ".json";
    }

    /** Reads the generated index from the class path, or null when there is none. */
    public static ServiceIndex load(ClassLoader loader, String clientInterface) {
        try (InputStream in = loader.getResourceAsStream(resourcePath(clientInterface))) {
            return in == null ? null : MAPPER.readValue(in, ServiceIndex.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the operation index of " + clientInterface, e);
        }
    }

    public byte[] toJson() {
        try {
            return MAPPER.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
