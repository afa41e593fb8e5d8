package io.gureum.s3.store;

import java.util.Comparator;

/**
 * S3 lists keys in UTF-8 binary order. Comparing code points gives the same order; Java's
 * {@code String.compareTo} compares UTF-16 units and puts U+E000..U+FFFF after supplementary
 * characters, which S3 does not.
 */
public final class KeyOrder implements Comparator<String> {
    public static final KeyOrder INSTANCE = new KeyOrder();

    /** A string that sorts after every key starting with its argument. */
    public static String after(String prefix) {
        return prefix + new String(Character.toChars(Character.MAX_CODE_POINT));
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
