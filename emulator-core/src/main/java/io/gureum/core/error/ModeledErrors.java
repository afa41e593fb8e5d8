package io.gureum.core.error;

import io.gureum.core.protocol.index.ErrorEntry;
import io.gureum.core.protocol.index.ServiceIndex;
import io.gureum.core.protocol.index.ServiceIndexBuilder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Modeled errors built from the operation index, so no service types an error's code or status by hand:
 * {@code throw ModeledErrors.of(NoSuchBucketException.class, "The specified bucket does not exist")}
 * carries the wire code ({@code NoSuchBucket}) and status (404) the model gives the class. Also turns
 * {@link AwsException}s into the SDK exceptions an in-process client's caller expects.
 */
public final class ModeledErrors {
    private static final Map<Class<?>, ErrorEntry> BY_CLASS = new ConcurrentHashMap<>();
    private static final Map<String, ServiceIndex> INDEXES = new ConcurrentHashMap<>();

    private ModeledErrors() {
    }

    /** The modeled exception {@code type} with {@code message}, its code and status from the model. */
    public static <E extends AwsServiceException> E of(Class<E> type, String message) {
        ErrorEntry entry = entryOf(type);
        return type.cast(build(type, entry.code(), message, entry.status()));
    }

    /** The model's code and status of a modeled exception class. */
    public static ErrorEntry entryOf(Class<? extends AwsServiceException> type) {
        return BY_CLASS.computeIfAbsent(type, ModeledErrors::find);
    }

    /**
     * The exception a client of {@code clientInterface} sees for {@code error}: its modeled class when the
     * model has one for the code, else a plain {@link AwsServiceException} with the code in its details.
     */
    public static AwsServiceException toSdk(AwsException error, Class<?> clientInterface) {
        ServiceIndex index = index(clientInterface);
        for (ErrorEntry e : index.errors()) {
            if (e.code().equals(error.code())) {
                try {
                    Class<?> type = Class.forName(e.exceptionClass(), true, clientInterface.getClassLoader());
                    return build(type, error.code(), error.getMessage(), error.status());
                } catch (ClassNotFoundException notLoaded) {
                    break;
                }
            }
        }
        return withDetails(AwsServiceException.builder(), error.code(), error.getMessage(), error.status(),
                index.serviceName()).build();
    }

    /**
     * A modeled exception a provider built with a message only, completed with the code, status and
     * service name its class has in the model (what a caller reading {@code awsErrorDetails()} expects).
     */
    public static AwsServiceException complete(AwsServiceException e, Class<?> clientInterface) {
        if (e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null) {
            return e;
        }
        ErrorEntry entry = BY_CLASS.computeIfAbsent(e.getClass(), c -> findOrNull(c, clientInterface));
        if (entry == null) {
            return e;
        }
        String message = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage() : e.getMessage();
        return withDetails(e.toBuilder(), entry.code(), message, e.statusCode() > 0 ? e.statusCode() : entry.status(),
                index(clientInterface).serviceName()).build();
    }

    private static AwsServiceException build(Class<?> type, String code, String message, int status) {
        try {
            AwsServiceException.Builder builder = (AwsServiceException.Builder) type.getMethod("builder").invoke(null);
            return withDetails(builder, code, message, status, null).build();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build " + type.getName(), e);
        }
    }

    private static AwsServiceException.Builder withDetails(AwsServiceException.Builder builder, String code,
            String message, int status, String serviceName) {
        return builder.message(message).statusCode(status).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode(code).errorMessage(message).serviceName(serviceName).build());
    }

    private static ErrorEntry find(Class<?> type) {
        ErrorEntry entry = findOrNull(type, clientInterfaceOf(type));
        if (entry == null) {
            throw new IllegalArgumentException(type.getName() + " is not a modeled error of its service");
        }
        return entry;
    }

    private static ErrorEntry findOrNull(Class<?> type, Class<?> clientInterface) {
        if (clientInterface == null) {
            return null;
        }
        for (ErrorEntry e : index(clientInterface).errors()) {
            if (e.exceptionClass().equals(type.getName())) {
                return e;
            }
        }
        return null;
    }

    /**
     * The client interface of a modeled exception: its superclass is the service's base exception
     * ({@code S3Exception}), whose name minus {@code Exception} plus {@code Client} in the parent package
     * is the interface ({@code S3Client}).
     */
    private static Class<?> clientInterfaceOf(Class<?> type) {
        Class<?> base = type.getSuperclass();
        String model = type.getPackageName();
        if (base == null || !model.endsWith(".model")) {
            return null;
        }
        String name = model.substring(0, model.length() - ".model".length()) + "."
                + base.getSimpleName().replaceFirst("Exception$", "") + "Client";
        try {
            return Class.forName(name, false, type.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static ServiceIndex index(Class<?> clientInterface) {
        return INDEXES.computeIfAbsent(clientInterface.getName(), name -> {
            ServiceIndex index = ServiceIndex.load(clientInterface.getClassLoader(), name);
            if (index != null) {
                return index;
            }
            try {
                return ServiceIndexBuilder.build(clientInterface);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot index " + name, e);
            }
        });
    }
}
