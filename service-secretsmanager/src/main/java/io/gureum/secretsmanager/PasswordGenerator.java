package io.gureum.secretsmanager;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * GetRandomPassword's generator (API_GetRandomPassword.html): upper- and lowercase letters, digits and the
 * punctuation {@code !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~}, each kind excludable, the space on request, minus
 * ExcludeCharacters; with RequireEachIncludedType (the default) at least one character of every included
 * kind. Drawn from {@link SecureRandom}.
 */
final class PasswordGenerator {
    static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    static final String DIGITS = "0123456789";
    static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /** The options of one request; null booleans take AWS's defaults. */
    record Options(long length, String excludeCharacters, boolean excludeNumbers, boolean excludePunctuation,
            boolean excludeUppercase, boolean excludeLowercase, boolean includeSpace, boolean requireEachIncludedType) {
    }

    private final SecureRandom random = new SecureRandom();

    String generate(Options o) {
        String exclude = o.excludeCharacters() == null ? "" : o.excludeCharacters();
        List<String> kinds = new ArrayList<>();
        add(kinds, !o.excludeUppercase(), UPPER, exclude);
        add(kinds, !o.excludeLowercase(), LOWER, exclude);
        add(kinds, !o.excludeNumbers(), DIGITS, exclude);
        add(kinds, !o.excludePunctuation(), PUNCTUATION, exclude);
        add(kinds, o.includeSpace(), " ", exclude);
        if (kinds.isEmpty()) {
            throw SecretsErrors.invalidParameter("The password can't be generated: every character type is"
                    + " excluded.");
        }
        if (o.requireEachIncludedType() && o.length() < kinds.size()) {
            throw SecretsErrors.invalidParameter("The password length is too short to include every required"
                    + " character type.");
        }
        String all = String.join("", kinds);
        char[] out = new char[(int) o.length()];
        int next = 0;
        if (o.requireEachIncludedType()) {
            for (String kind : kinds) {
                out[next++] = pick(kind);
            }
        }
        while (next < out.length) {
            out[next++] = pick(all);
        }
        for (int i = out.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            char t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return new String(out);
    }

    private char pick(String from) {
        return from.charAt(random.nextInt(from.length()));
    }

    /** Adds the characters of a kind left after the exclusions, if the kind is included and any are left. */
    private static void add(List<String> kinds, boolean included, String chars, String exclude) {
        if (!included) {
            return;
        }
        StringBuilder left = new StringBuilder();
        for (char c : chars.toCharArray()) {
            if (exclude.indexOf(c) < 0) {
                left.append(c);
            }
        }
        if (left.length() > 0) {
            kinds.add(left.toString());
        }
    }
}
