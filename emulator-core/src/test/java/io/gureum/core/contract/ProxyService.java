package io.gureum.core.contract;

import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.AbortableInputStream;

/**
 * A test-only service whose handler is a {@link Proxy} of the SDK client interface. Every call records
 * the request the server decoded (and the uploaded bytes of a streaming operation), then answers with
 * what the test put in the {@link Slot}: a response object (and the bytes of a streaming download), or
 * an exception to throw.
 */
final class ProxyService implements AwsService {
    private final String name;
    private final Class<?> clientInterface;
    private final String xmlNamespace;
    final Slot slot = new Slot();
    private final Object proxy;

    private final java.util.List<String> signingNames;

    ProxyService(String name, Class<?> clientInterface, String xmlNamespace) {
        this(name, name, clientInterface, xmlNamespace);
    }

    ProxyService(String name, String signingName, Class<?> clientInterface, String xmlNamespace) {
        this.name = name;
        this.signingNames = java.util.List.of(signingName);
        this.clientInterface = clientInterface;
        this.xmlNamespace = xmlNamespace;
        InvocationHandler h = this::invoke;
        this.proxy = Proxy.newProxyInstance(clientInterface.getClassLoader(), new Class<?>[] {clientInterface}, h);
    }

    /** What the next call answers, and what it received. One call at a time. */
    static final class Slot {
        volatile Object response;
        volatile byte[] responseBytes;
        volatile Throwable error;
        volatile String method;
        volatile Object request;
        volatile byte[] requestBytes;

        void arm(Object response, byte[] responseBytes, Throwable error) {
            this.response = response;
            this.responseBytes = responseBytes;
            this.error = error;
            this.method = null;
            this.request = null;
            this.requestBytes = null;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public java.util.List<String> signingNames() {
        return signingNames;
    }

    @Override
    public String clientInterface() {
        return clientInterface.getName();
    }

    @Override
    public String xmlNamespace() {
        return xmlNamespace;
    }

    /** S3's wire for the {@code s3} service (its test double: core's tests cannot see service-s3). */
    @Override
    public io.gureum.core.spi.ProtocolQuirks quirks() {
        return name.equals("s3") ? io.gureum.core.testing.TestS3Quirks.INSTANCE : io.gureum.core.spi.ProtocolQuirks.NONE;
    }

    @Override
    public java.util.List<Class<?>> providerClasses() {
        return java.util.List.of(proxy.getClass());
    }

    @Override
    public io.gureum.core.spi.ServiceInstance create(ServiceContext context) {
        return io.gureum.core.spi.ServiceInstance.of(proxy);
    }

    private Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "serviceName":
                return clientInterface.getField("SERVICE_NAME").get(null);
            case "close":
                return null;
            case "toString":
                return name + " contract handler";
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            default:
                break;
        }
        slot.method = method.getName();
        slot.request = args == null || args.length == 0 ? null : args[0];
        if (args != null && args.length == 2 && args[1] instanceof RequestBody body) {
            try (InputStream in = body.contentStreamProvider().newStream()) {
                slot.requestBytes = in.readAllBytes();
            }
        }
        if (slot.error != null) {
            throw slot.error;
        }
        if (args != null && args.length == 2 && args[1] instanceof ResponseTransformer<?, ?> transformer) {
            @SuppressWarnings("unchecked")
            ResponseTransformer<Object, Object> t = (ResponseTransformer<Object, Object>) transformer;
            byte[] bytes = slot.responseBytes == null ? new byte[0] : slot.responseBytes;
            return t.transform(slot.response, AbortableInputStream.create(new ByteArrayInputStream(bytes)));
        }
        return slot.response;
    }

    static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
