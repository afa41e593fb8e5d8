package io.gureum.logs.insights;

/**
 * A query that does not compile. The message is AWS's ("unexpected symbol found sort at line 1 and position
 * 42"); {@link #start} and {@link #end} are the character offsets {@code QueryCompileErrorLocation} reports.
 */
public final class MalformedQuery extends RuntimeException {
    private final int start;
    private final int end;

    MalformedQuery(String message, int start, int end) {
        super(message, null, false, false);
        this.start = start;
        this.end = end;
    }

    static MalformedQuery at(Token t) {
        String found = t.kind() == Token.Kind.END ? "<EOF>" : t.text();
        return new MalformedQuery("unexpected symbol found " + found + " at line " + t.line() + " and position "
                + t.position(), t.offset(), t.offset() + Math.max(0, found.length() - 1));
    }

    static MalformedQuery of(String message, Token t) {
        return new MalformedQuery(message, t.offset(), t.offset() + Math.max(0, t.text().length() - 1));
    }

    public int start() {
        return start;
    }

    public int end() {
        return end;
    }
}
