package io.gureum.core.protocol.index;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads the UTF-8 constants of a class file. The SDK maps JSON error codes to exceptions in a lambda
 * that cannot be enumerated; its candidate codes are among the client class's string constants.
 */
final class ClassConstants {
    private ClassConstants() {
    }

    static Set<String> utf8Constants(Class<?> type) throws IOException {
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream raw = type.getClassLoader().getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IOException("No class file for " + type.getName());
            }
            DataInputStream in = new DataInputStream(raw);
            in.readInt(); // magic
            in.readUnsignedShort(); // minor
            in.readUnsignedShort(); // major
            int count = in.readUnsignedShort();
            Set<String> out = new LinkedHashSet<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> out.add(in.readUTF());
                    case 3, 4 -> in.skipBytes(4);
                    case 5, 6 -> {
                        in.skipBytes(8);
                        i++; // long and double take two slots
                    }
                    case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                    case 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                    case 15 -> in.skipBytes(3);
                    default -> throw new IOException("Unknown constant pool tag " + tag + " in " + type.getName());
                }
            }
            return out;
        }
    }
}
