package io.gureum.core.protocol.index;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.protocols.core.ExceptionMetadata;
import software.amazon.awssdk.protocols.core.OperationInfo;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.SdkAutoCloseable;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Reads an SDK v2 service client's model metadata by reflection and records it as a {@link ServiceIndex}.
 * It relies on SDK internals (the marshallers' {@code SDK_OPERATION_BINDING}, the protocol factory's
 * registered exceptions), which is why the SDK version is pinned and the contract test guards upgrades.
 * Run at build time: {@code ServiceIndexBuilder <output dir> <client interface>...}.
 */
public final class ServiceIndexBuilder {
    private ServiceIndexBuilder() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        for (int i = 1; i < args.length; i++) {
            Class<?> iface = Class.forName(args[i]);
            ServiceIndex index = build(iface);
            Path file = out.resolve(ServiceIndex.resourcePath(iface.getName()));
            Files.createDirectories(file.getParent());
            Files.write(file, index.toJson());
            if (Boolean.getBoolean("gureum.index.verbose")) { // quiet builds stay quiet
                System.out.printf("Indexed %s: %d operations, %d errors, protocol %s%n",
                    iface.getSimpleName(), index.operations().size(), index.errors().size(), index.protocol());
            }
        }
    }

    public static ServiceIndex build(Class<?> clientInterface) throws ReflectiveOperationException, IOException {
        String base = clientInterface.getPackageName();
        Class<?> defaultClient = Class.forName(base + ".Default" + clientInterface.getSimpleName());
        String declared = protocolOf(defaultClient);
        Object client = newClient(clientInterface);
        try {
            Object client0 = unwrap(client, defaultClient);
            Object factory = field(client0, "protocolFactory");
            String protocol = declared != null ? declared : protocolOfFactory(factory);
            String contentType = null;
            boolean queryCompatible = false;
            if (hasMethod(factory.getClass(), "getContentType")) {
                contentType = (String) factory.getClass().getMethod("getContentType").invoke(factory);
                queryCompatible = Boolean.TRUE.equals(fieldOrNull(factory, "hasAwsQueryCompatible"));
            }
            List<OperationEntry> operations = operations(clientInterface, base);
            List<ErrorEntry> errors = errors(client0, defaultClient, factory);
            if (queryCompatible) {
                errors = withQueryErrors(errors, clientInterface);
            }
            String targetPrefix = null;
            String apiVersion = null;
            for (OperationEntry op : operations) {
                int dot = op.operationIdentifier() == null ? -1 : op.operationIdentifier().indexOf('.');
                if (dot > 0 && (protocol.equals("json") || protocol.equals("cbor"))) {
                    targetPrefix = op.operationIdentifier().substring(0, dot);
                }
            }
            for (OperationEntry op : operations) {
                apiVersion = apiVersionOf(base, op);
                if (apiVersion != null) {
                    break;
                }
            }
            String serviceName = (String) clientInterface.getField("SERVICE_NAME").get(null);
            return new ServiceIndex(clientInterface.getName(), serviceName, protocol, apiVersion, targetPrefix,
                    contentType, queryCompatible, operations, errors);
        } finally {
            ((SdkAutoCloseable) client).close();
        }
    }

    /** The protocol the generated client declares, or null for clients generated before it did (SDK 2.20). */
    private static String protocolOf(Class<?> defaultClient) throws ReflectiveOperationException {
        Field f;
        try {
            f = defaultClient.getDeclaredField("protocolMetadata");
        } catch (NoSuchFieldException olderClient) {
            return null;
        }
        f.setAccessible(true);
        Object metadata = f.get(null);
        return (String) metadata.getClass().getMethod("serviceProtocol").invoke(metadata);
    }

    /** An older client's protocol, from its JSON protocol factory's metadata (the only kind such clients need here). */
    private static String protocolOfFactory(Object factory) throws ReflectiveOperationException {
        Object metadata = field(factory, "protocolMetadata");
        String protocol = String.valueOf(metadata.getClass().getMethod("protocol").invoke(metadata));
        return switch (protocol) {
            case "AWS_JSON" -> "json";
            case "REST_JSON" -> "rest-json";
            default -> throw new IllegalStateException("Unknown protocol " + protocol + " of " + factory.getClass());
        };
    }

    private static Object newClient(Class<?> clientInterface) throws ReflectiveOperationException {
        Object builder = clientInterface.getMethod("builder").invoke(null);
        ((AwsClientBuilder<?, ?>) builder).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .endpointOverride(URI.create("http://127.0.0.1:1"));
        ((SdkSyncClientBuilder<?, ?>) builder).httpClient(UrlConnectionHttpClient.create());
        return ((SdkBuilder<?, ?>) builder).build();
    }

    /** Some clients (S3) wrap the generated one in delegating decorators. */
    private static Object unwrap(Object client, Class<?> defaultClient) throws ReflectiveOperationException {
        Object current = client;
        for (int depth = 0; depth < 10 && !defaultClient.isInstance(current); depth++) {
            Method delegate = findMethod(current.getClass(), "delegate");
            if (delegate == null) {
                throw new IllegalStateException("Cannot find the generated client inside " + client.getClass());
            }
            delegate.setAccessible(true);
            current = delegate.invoke(current);
        }
        return current;
    }

    private static List<OperationEntry> operations(Class<?> iface, String base) throws ReflectiveOperationException {
        Map<Class<?>, Method> chosen = new LinkedHashMap<>();
        for (Method m : iface.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() == 0) {
                continue;
            }
            Class<?> p0 = m.getParameterTypes()[0];
            // Usually <client package>.model; DynamoDbStreamsClient shares DynamoDB's model package.
            if (!SdkRequest.class.isAssignableFrom(p0) || !p0.getPackageName().endsWith(".model")) {
                continue;
            }
            if (m.getParameterCount() > 2
                    || (m.getParameterCount() == 2 && !isStreamingParameter(m.getParameterTypes()[1]))) {
                continue;
            }
            if (m.getParameterCount() == 1 && !SdkResponse.class.isAssignableFrom(m.getReturnType())) {
                continue; // paginators (xxxPaginator) and waiters take the same request but are not operations
            }
            Method previous = chosen.get(p0);
            if (previous == null || rank(m) > rank(previous)) {
                chosen.put(p0, m);
            }
        }
        List<OperationEntry> out = new ArrayList<>();
        for (Map.Entry<Class<?>, Method> e : chosen.entrySet()) {
            Class<?> request = e.getKey();
            Method m = e.getValue();
            String stem = request.getSimpleName().substring(0, request.getSimpleName().length() - "Request".length());
            Class<?> marshaller;
            try {
                marshaller = Class.forName(base + ".transform." + request.getSimpleName() + "Marshaller");
            } catch (ClassNotFoundException notFound) {
                continue; // an operation without a marshaller (event streams in some services)
            }
            Field binding = marshaller.getDeclaredField("SDK_OPERATION_BINDING");
            binding.setAccessible(true);
            OperationInfo info = (OperationInfo) binding.get(null);
            boolean streamingIn = m.getParameterCount() == 2 && m.getParameterTypes()[1] == RequestBody.class;
            boolean streamingOut = m.getParameterCount() == 2 && m.getParameterTypes()[1] == ResponseTransformer.class;
            String response = streamingOut || !SdkResponse.class.isAssignableFrom(m.getReturnType())
                    ? base + ".model." + stem + "Response"
                    : m.getReturnType().getName();
            String id = info.operationIdentifier();
            String wireName = wireName(id, info.requestUri(), stem);
            out.add(new OperationEntry(wireName, m.getName(), request.getName(), response,
                    info.httpMethod() == null ? null : info.httpMethod().name(), info.requestUri(), id,
                    info.hasExplicitPayloadMember(), info.hasPayloadMembers(), streamingIn, streamingOut));
        }
        out.sort(Comparator.comparing(OperationEntry::wireName));
        return out;
    }

    private static String wireName(String identifier, String requestUri, String stem) {
        if (identifier == null || identifier.isEmpty()) {
            return stem;
        }
        int dot = identifier.lastIndexOf('.');
        if (dot >= 0) {
            return identifier.substring(dot + 1);
        }
        return identifier;
    }

    private static boolean isStreamingParameter(Class<?> type) {
        return type == RequestBody.class || type == ResponseTransformer.class;
    }

    private static int rank(Method m) {
        return m.getParameterCount() == 2 ? 2 : 1;
    }

    private static String apiVersionOf(String base, OperationEntry op) throws ReflectiveOperationException {
        Class<?> request = Class.forName(op.requestClass());
        Class<?> marshaller = Class.forName(base + ".transform." + request.getSimpleName() + "Marshaller");
        Field binding = marshaller.getDeclaredField("SDK_OPERATION_BINDING");
        binding.setAccessible(true);
        return ((OperationInfo) binding.get(null)).apiVersion();
    }

    @SuppressWarnings("unchecked")
    private static List<ErrorEntry> errors(Object client, Class<?> defaultClient, Object factory)
            throws ReflectiveOperationException, IOException {
        Map<String, ErrorEntry> out = new LinkedHashMap<>();
        Object mapper = fieldOrNull(client, "exceptionMetadataMapper");
        if (mapper instanceof Function<?, ?> function) {
            for (String candidate : ClassConstants.utf8Constants(defaultClient)) {
                Optional<ExceptionMetadata> metadata;
                try {
                    metadata = ((Function<String, Optional<ExceptionMetadata>>) function).apply(candidate);
                } catch (RuntimeException e) {
                    continue;
                }
                metadata.ifPresent(md -> add(out, md));
            }
        }
        Object modeled = fieldOrNull(factory, "modeledExceptions");
        if (modeled instanceof List<?> list) {
            for (Object md : list) {
                add(out, (ExceptionMetadata) md);
            }
        }
        List<ErrorEntry> sorted = new ArrayList<>(out.values());
        sorted.sort(Comparator.comparing(ErrorEntry::code));
        return sorted;
    }

    /**
     * Adds the legacy query codes from the service's Smithy model (artifact
     * {@code software.amazon.api.models:<service>}), when it is on the class path.
     */
    private static List<ErrorEntry> withQueryErrors(List<ErrorEntry> errors, Class<?> clientInterface)
            throws ReflectiveOperationException, IOException {
        String serviceName = (String) clientInterface.getField("SERVICE_NAME").get(null);
        Map<String, SmithyQueryErrors.QueryError> legacy = SmithyQueryErrors.load(clientInterface.getClassLoader(),
                serviceName);
        if (legacy.isEmpty()) {
            return errors;
        }
        List<ErrorEntry> out = new ArrayList<>(errors.size());
        for (ErrorEntry e : errors) {
            SmithyQueryErrors.QueryError q = legacy.get(e.code());
            out.add(q == null ? e : e.withQueryError(q.code(), q.status()));
        }
        return out;
    }

    private static void add(Map<String, ErrorEntry> out, ExceptionMetadata md) {
        SdkPojo builder = md.exceptionBuilderSupplier().get();
        Object built = ((SdkBuilder<?, ?>) builder).build();
        int status = md.httpStatusCode() == null ? 400 : md.httpStatusCode();
        out.putIfAbsent(md.errorCode(), new ErrorEntry(md.errorCode(), built.getClass().getName(), status));
    }

    private static boolean hasMethod(Class<?> type, String name) {
        return findMethod(type, name) != null;
    }

    private static Method findMethod(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == 0) {
                    return m;
                }
            }
        }
        return null;
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        Object value = fieldOrNull(target, name);
        if (value == null) {
            throw new NoSuchFieldException(name + " in " + target.getClass());
        }
        return value;
    }

    private static Object fieldOrNull(Object target, String name) throws ReflectiveOperationException {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getName().equals(name) && !Modifier.isStatic(f.getModifiers())) {
                    f.setAccessible(true);
                    return f.get(target);
                }
            }
        }
        return null;
    }
}
