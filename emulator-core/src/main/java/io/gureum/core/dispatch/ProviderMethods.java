package io.gureum.core.dispatch;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operation methods of a provider class, read from its class file (and its superclasses') without
 * loading the SDK model classes they name: at start-up, core learns which operations each module binds
 * for the price of reading a few class files. An operation method is public, not static, not synthetic,
 * and has the SDK client's shape: {@code XxxResponse xxx(XxxRequest)}, or with a second parameter of
 * type {@code RequestBody} (streaming upload) or {@code ResponseTransformer} (streaming download).
 */
final class ProviderMethods {
    private static final int ACC_PUBLIC = 0x0001;
    private static final int ACC_STATIC = 0x0008;
    private static final int ACC_BRIDGE = 0x0040;
    private static final int ACC_SYNTHETIC = 0x1000;
    private static final String SDK_MODEL = "Lsoftware/amazon/awssdk/services/";
    private static final String REQUEST_BODY = "Lsoftware/amazon/awssdk/core/sync/RequestBody;";
    private static final String RESPONSE_TRANSFORMER = "Lsoftware/amazon/awssdk/core/sync/ResponseTransformer;";

    private ProviderMethods() {
    }

    /**
     * Method name → JVM descriptor of each operation method; a subclass's method hides its superclass's.
     * A {@link Proxy} class (tests) has no class file: every method of its interfaces counts.
     */
    static Map<String, String> of(Class<?> provider) {
        Map<String, String> methods = new LinkedHashMap<>();
        if (Proxy.isProxyClass(provider)) {
            for (Class<?> iface : provider.getInterfaces()) {
                for (Method m : iface.getMethods()) {
                    if (!Modifier.isStatic(m.getModifiers()) && m.getParameterCount() > 0) {
                        methods.putIfAbsent(m.getName(), "proxy");
                    }
                }
            }
            return methods;
        }
        ClassLoader loader = provider.getClassLoader();
        String name = provider.getName().replace('.', '/');
        while (name != null && !name.startsWith("java/") && loader != null) {
            try (InputStream in = loader.getResourceAsStream(name + ".class")) {
                if (in == null) {
                    break;
                }
                name = read(new DataInputStream(in), methods);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the class file of " + provider.getName(), e);
            }
        }
        return methods;
    }

    /** Adds the class's operation methods not already present; returns the superclass's internal name. */
    private static String read(DataInputStream in, Map<String, String> methods) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNameIndex = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNameIndex[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        in.readUnsignedShort(); // access flags
        in.readUnsignedShort(); // this class
        int superIndex = in.readUnsignedShort();
        String superName = superIndex == 0 ? null : utf8[classNameIndex[superIndex]];
        int interfaces = in.readUnsignedShort();
        in.skipNBytes(2L * interfaces);
        skipMembers(in);
        int methodCount = in.readUnsignedShort();
        for (int i = 0; i < methodCount; i++) {
            int access = in.readUnsignedShort();
            String name = utf8[in.readUnsignedShort()];
            String descriptor = utf8[in.readUnsignedShort()];
            skipAttributes(in);
            if ((access & ACC_PUBLIC) != 0 && (access & (ACC_STATIC | ACC_BRIDGE | ACC_SYNTHETIC)) == 0
                    && isOperation(descriptor)) {
                methods.putIfAbsent(name, descriptor);
            }
        }
        return superName;
    }

    /** {@code (Lsoftware/amazon/awssdk/services/x/model/FooRequest;[RequestBody|ResponseTransformer])…}. */
    static boolean isOperation(String descriptor) {
        if (!descriptor.startsWith("(" + SDK_MODEL)) {
            return false;
        }
        int end = descriptor.indexOf(';');
        String first = descriptor.substring(1, end);
        if (!first.contains("/model/") || !first.endsWith("Request")) {
            return false;
        }
        String rest = descriptor.substring(end + 1, descriptor.indexOf(')'));
        return rest.isEmpty() || rest.equals(REQUEST_BODY) || rest.equals(RESPONSE_TRANSFORMER);
    }

    private static void skipMembers(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            in.skipNBytes(6);
            skipAttributes(in);
        }
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            in.readUnsignedShort();
            in.skipNBytes(Integer.toUnsignedLong(in.readInt()));
        }
    }
}
