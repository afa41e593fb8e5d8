package io.gureum.acm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM blocks (RFC 7468): their labels and DER contents, and writing DER back as PEM with 64-character lines. */
final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\r?\\n((?:[A-Za-z]+-[A-Za-z]+:[^\\n]*\\r?\\n)*)(?:\\r?\\n)?([A-Za-z0-9+/=\\r\\n]*?)"
                    + "-----END \\1-----");

    /** One block: its label ({@code CERTIFICATE}, {@code PRIVATE KEY} …), whether it has headers, and its DER. */
    record Block(String label, boolean headers, byte[] der) {
    }

    private Pem() {
    }

    /** Every block of {@code text} in order; text outside the blocks is ignored, as OpenSSL does. */
    static List<Block> blocks(byte[] text) {
        String s = new String(text, StandardCharsets.US_ASCII);
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(s);
        while (m.find()) {
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(3));
            } catch (IllegalArgumentException e) {
                der = new byte[0];
            }
            out.add(new Block(m.group(1), !m.group(2).isEmpty(), der));
        }
        return out;
    }

    static String encode(String label, byte[] der) {
        String b64 = Base64.getEncoder().encodeToString(der);
        StringBuilder s = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
        for (int i = 0; i < b64.length(); i += 64) {
            s.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
        }
        return s.append("-----END ").append(label).append("-----\n").toString();
    }
}
