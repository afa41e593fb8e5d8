package io.gureum.core.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.protocol.index.ServiceIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every AWS API, served or not, as far as the wire is concerned: signing name, endpoint prefix, protocol,
 * JSON target prefix and version, XML namespace, signature version, whether restXml errors are bare
 * {@code <Error>}s (Smithy's {@code noErrorWrapping}). Generated from botocore's models by
 * {@code emulator-core/scripts/generate_aws_protocols.py} into {@code aws-protocols.json}; read on first
 * use. Lets core answer a request for an API Gureum does not serve in that API's own protocol.
 */
public final class AwsProtocols {
    private static final String RESOURCE = "aws-protocols.json";

    /** One API of botocore's data ({@code name} is botocore's, e.g. {@code elbv2}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Api(String name, String serviceId, String signingName, List<String> otherSigningNames,
            String endpointPrefix, String protocol,
            List<String> protocols, String targetPrefix, String jsonVersion, String apiVersion, String xmlNamespace,
            String signatureVersion, boolean noErrorWrapping) {

        /** Whether requests are signed the S3 way (botocore's signature version {@code s3} or {@code s3v4}). */
        public boolean s3Signature() {
            return "s3".equals(signatureVersion) || "s3v4".equals(signatureVersion);
        }

        /** Whether the API's main protocol carries JSON or CBOR documents (awsJson, restJson, rpcv2Cbor). */
        public boolean jsonFamily() {
            return protocol != null && (protocol.equals("json") || protocol.equals("rest-json")
                    || protocol.contains("cbor"));
        }

        /**
         * A model with no operations, enough to encode errors in the API's protocol: its namespace, JSON
         * content type and target prefix.
         */
        public ServiceModel errorModel() {
            String jsonContentType = jsonVersion == null ? null : "application/x-amz-json-" + jsonVersion;
            ServiceIndex index = new ServiceIndex(null, signingName, protocol, apiVersion, targetPrefix,
                    jsonContentType, false, List.of(), List.of());
            return new ServiceModel(index, null, xmlNamespace);
        }
    }

    private record Data(String source, List<Api> apis) {
    }

    private static volatile AwsProtocols instance;

    private final List<Api> apis;
    private final Map<String, List<Api>> bySigningName = new HashMap<>();
    private final Map<String, Api> byTargetPrefix = new HashMap<>();
    private final List<Api> byEndpointPrefixLongestFirst;

    AwsProtocols(List<Api> apis) {
        this.apis = List.copyOf(apis);
        for (Api a : apis) {
            bySigningName.computeIfAbsent(a.signingName(), k -> new ArrayList<>()).add(a);
            if (a.targetPrefix() != null) {
                byTargetPrefix.putIfAbsent(a.targetPrefix(), a);
            }
        }
        for (Api a : apis) {
            // Names only endpoint rules use (s3-object-lambda) come after the APIs signed with them by default.
            for (String other : a.otherSigningNames() == null ? List.<String>of() : a.otherSigningNames()) {
                List<Api> list = bySigningName.computeIfAbsent(other, k -> new ArrayList<>());
                if (!list.contains(a)) {
                    list.add(a);
                }
            }
        }
        List<Api> sorted = new ArrayList<>(apis);
        sorted.removeIf(a -> a.endpointPrefix() == null);
        sorted.sort(Comparator.comparingInt((Api a) -> a.endpointPrefix().length()).reversed());
        this.byEndpointPrefixLongestFirst = List.copyOf(sorted);
    }

    /** The data shipped with core. */
    public static AwsProtocols get() {
        AwsProtocols p = instance;
        if (p == null) {
            synchronized (AwsProtocols.class) {
                if (instance == null) {
                    instance = load();
                }
                p = instance;
            }
        }
        return p;
    }

    private static AwsProtocols load() {
        ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try (InputStream in = AwsProtocols.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCE);
            }
            return new AwsProtocols(mapper.readValue(in, Data.class).apis());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    public List<Api> all() {
        return apis;
    }

    /** The APIs signed with this name (usually one; {@code dynamodb} signs DynamoDB and its Streams). */
    public List<Api> bySigningName(String signingName) {
        return signingName == null ? List.of() : bySigningName.getOrDefault(signingName, List.of());
    }

    /**
     * The API whose JSON target prefix (or rpcv2Cbor service name) is {@code prefix}, e.g. {@code TrentService}
     * for KMS, or null.
     */
    public Api byTargetPrefix(String prefix) {
        return prefix == null ? null : byTargetPrefix.get(prefix);
    }

    /**
     * The API whose endpoint a Host names ({@code kms.us-east-1.amazonaws.com}, {@code api.ecr.eu-west-1.amazonaws.com}),
     * or null; local hosts name none.
     */
    public Api byHost(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        String host = hostHeader.toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        int end = colon >= 0 && !host.startsWith("[") ? colon : host.length();
        // Checked before the port is cut off: most requests name a local host, and need no copy of it.
        if (!endsWith(host, end, ".amazonaws.com") && !endsWith(host, end, ".amazonaws.com.cn")) {
            return null;
        }
        host = host.substring(0, end);
        for (Api a : byEndpointPrefixLongestFirst) {
            if (host.startsWith(a.endpointPrefix() + ".")) {
                return a;
            }
        }
        return null;
    }

    /** Whether {@code s[0, end)} ends with {@code suffix}. */
    private static boolean endsWith(String s, int end, String suffix) {
        return end >= suffix.length() && s.startsWith(suffix, end - suffix.length());
    }

    /**
     * The one of several APIs sharing a signing name that a request's target, query {@code Version} or host
     * names (ELB and ELBv2 share {@code elasticloadbalancing}), else the first.
     */
    public static Api pick(List<Api> candidates, String targetPrefix, String version, String hostHeader) {
        if (candidates.isEmpty()) {
            return null;
        }
        for (Api a : candidates) {
            if (targetPrefix != null && targetPrefix.equals(a.targetPrefix())) {
                return a;
            }
        }
        for (Api a : candidates) {
            if (version != null && version.equals(a.apiVersion())) {
                return a;
            }
        }
        Api byHost = get().byHost(hostHeader);
        if (byHost != null && candidates.contains(byHost)) {
            return byHost;
        }
        return candidates.get(0);
    }
}
