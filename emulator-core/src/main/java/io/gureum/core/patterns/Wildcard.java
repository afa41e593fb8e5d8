package io.gureum.core.patterns;

/**
 * The {@code wildcard} operator's glob: {@code *} matches any run of characters, {@code \*} and
 * {@code \\} are the literal characters; two consecutive {@code *} are refused
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html#eb-filtering-wildcard-matching).
 */
final class Wildcard {
    private final String[] parts;

    private Wildcard(String[] parts) {
        this.parts = parts;
    }

    static Wildcard parse(String glob) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean lastStar = false;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\') {
                if (i + 1 >= glob.length() || (glob.charAt(i + 1) != '*' && glob.charAt(i + 1) != '\\')) {
                    throw new InvalidPatternException("Invalid escape character at pos " + (i + 1));
                }
                current.append(glob.charAt(++i));
                lastStar = false;
            } else if (c == '*') {
                if (lastStar) {
                    throw new InvalidPatternException("Consecutive wildcard characters at pos " + i);
                }
                parts.add(current.toString());
                current.setLength(0);
                lastStar = true;
            } else {
                current.append(c);
                lastStar = false;
            }
        }
        parts.add(current.toString());
        return new Wildcard(parts.toArray(String[]::new));
    }

    boolean matches(String s) {
        if (parts.length == 1) {
            return s.equals(parts[0]);
        }
        if (!s.startsWith(parts[0])) {
            return false;
        }
        int pos = parts[0].length();
        for (int i = 1; i < parts.length - 1; i++) {
            int at = s.indexOf(parts[i], pos);
            if (at < 0) {
                return false;
            }
            pos = at + parts[i].length();
        }
        String last = parts[parts.length - 1];
        return s.length() - last.length() >= pos && s.endsWith(last);
    }
}
