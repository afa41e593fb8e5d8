package io.gureum.ssm;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parameter name rules (PutParameter's Name, sysman-parameter-name-constraints.html): letters, digits,
 * {@code _ . -}, and {@code /} between the levels of a hierarchy, which must then start with {@code /};
 * at most 15 levels; names beginning with {@code aws} or {@code ssm} (with or without the slash, any
 * case) are reserved.
 */
final class ParameterNames {
    static final int MAX_LEVELS = 15;
    private static final Pattern CHARACTERS = Pattern.compile("[a-zA-Z0-9_.\\-/]+");

    private ParameterNames() {
    }

    /**
     * The name PutParameter stores: "The service removes any spaces specified for the beginning or end of a
     * parameter name"; anything against the rules is refused.
     */
    static String forWrite(String requested) {
        String name = requested.strip();
        String bare = name.startsWith("/") ? name.substring(1) : name;
        String lower = bare.toLowerCase(Locale.ROOT);
        if (lower.startsWith("aws")) {
            throw SsmErrors.reservedName(name);
        }
        if (lower.startsWith("ssm")) {
            throw SsmErrors.invalidName();
        }
        checkSyntax(name);
        if (levels(name) > MAX_LEVELS) {
            throw SsmErrors.hierarchyTooDeep();
        }
        return name;
    }

    /** Refuses a name no parameter can have (read operations answer ValidationException for those too). */
    static void checkSyntax(String name) {
        if (!CHARACTERS.matcher(name).matches()) {
            throw SsmErrors.invalidName();
        }
        if (name.indexOf('/') >= 0 && (!name.startsWith("/") || name.endsWith("/") || name.contains("//"))) {
            throw SsmErrors.invalidName();
        }
    }

    /** Whether {@code name} could name a parameter (GetParameters and DeleteParameters list the others as invalid). */
    static boolean valid(String name) {
        try {
            checkSyntax(name);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The hierarchy levels of a name, its own included: {@code /a/b/c} has 3. */
    static int levels(String name) {
        int n = 0;
        for (String part : name.split("/")) {
            if (!part.isEmpty()) {
                n++;
            }
        }
        return n;
    }

    /** Whether a name is reserved for AWS's own (public) parameters: {@code aws…} or {@code /aws…}. */
    static boolean reservedForAws(String name) {
        String bare = name.startsWith("/") ? name.substring(1) : name;
        return bare.toLowerCase(Locale.ROOT).startsWith("aws");
    }
}
