package io.gureum.logs.insights;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
/**
 * Parses Logs Insights QL (CWL_QuerySyntax.html) into a {@link Query}. A syntax error is a
 * {@link MalformedQuery} worded as AWS words it: "unexpected symbol found … at line … and position …".
 */
public final class Parser {
    /** Commands of the language that Gureum does not run (machine learning, lookups, joins, data sources). */
    private static final Set<String> UNSUPPORTED = Set.of("pattern", "diff", "anomaly", "unmask", "unnest", "lookup",
            "source", "join", "addtotals");

    private final Tokens cursor;
    private final ExpressionParser expressions;

    private Parser(String query) {
        this.cursor = new Tokens(query);
        this.expressions = new ExpressionParser(cursor);
    }

    public static Query parse(String query) {
        return new Parser(query == null ? "" : query).query();
    }

    private Query query() {
        List<Command> commands = new ArrayList<>();
        boolean sawDedup = false;
        while (cursor.peek().kind() != Token.Kind.END) {
            if (cursor.peek().kind() == Token.Kind.PIPE) {
                cursor.next();
                continue;
            }
            Token name = cursor.next();
            if (name.kind() != Token.Kind.IDENT) {
                throw MalformedQuery.at(name);
            }
            String command = name.text().toLowerCase(Locale.ROOT);
            // "dedup … | sort" is refused by AWS: only commands that keep the deduplicated order may follow.
            if (sawDedup && command.equals("sort")) {
                throw MalformedQuery.at(name);
            }
            Command c = switch (command) {
                case "fields" -> new Command.Fields(projections());
                case "display" -> new Command.Display(names());
                case "filter" -> new Command.Filter(expressions.expression());
                case "filterindex" -> filterIndex();
                case "parse" -> parseCommand();
                case "stats" -> stats();
                case "sort" -> sort();
                case "limit" -> limit();
                case "dedup" -> new Command.Dedup(names());
                default -> {
                    if (UNSUPPORTED.contains(command)) {
                        throw MalformedQuery.of("The " + command + " command is not supported by Gureum", name);
                    }
                    throw MalformedQuery.at(name);
                }
            };
            sawDedup |= c instanceof Command.Dedup;
            commands.add(c);
            Token after = cursor.peek();
            if (after.kind() != Token.Kind.PIPE && after.kind() != Token.Kind.END) {
                throw MalformedQuery.at(after);
            }
        }
        return new Query(commands);
    }

    private List<Command.Projection> projections() {
        List<Command.Projection> out = new ArrayList<>();
        do {
            Expr e = expressions.expression();
            out.add(new Command.Projection(e, alias(e.text())));
        } while (cursor.take(","));
        return out;
    }

    private String alias(String otherwise) {
        if (cursor.take("as")) {
            return identifier();
        }
        return otherwise;
    }

    private List<String> names() {
        List<String> out = new ArrayList<>();
        do {
            out.add(identifier());
        } while (cursor.take(","));
        return out;
    }

    private String identifier() {
        Token t = cursor.next();
        if (t.kind() != Token.Kind.IDENT || Tokens.KEYWORDS.contains(t.text().toLowerCase(Locale.ROOT))) {
            throw MalformedQuery.at(t);
        }
        return t.text();
    }

    /** {@code parse @message "user=* action=*" as user, action} or {@code parse @message /user=(?<user>\S+)/}. */
    private Command parseCommand() {
        Expr source = expressions.primary();
        Token pattern = cursor.next();
        if (pattern.kind() == Token.Kind.STRING) {
            if (!cursor.take("as")) {
                throw MalformedQuery.at(cursor.peek());
            }
            List<String> names = names();
            String[] parts = pattern.text().split("\\*", -1);
            if (parts.length - 1 != names.size()) {
                throw MalformedQuery.of("The number of * in the parse pattern must match the number of fields",
                        pattern);
            }
            StringBuilder regex = new StringBuilder();
            List<String> groups = new ArrayList<>();
            for (int k = 0; k < parts.length; k++) {
                regex.append(Pattern.quote(parts[k]));
                if (k < names.size()) {
                    String group = "g" + k;
                    groups.add(group);
                    // A glob's * takes as little as it can, except a final one, which takes the rest.
                    boolean last = k == names.size() - 1 && parts[parts.length - 1].isEmpty();
                    regex.append("(?<").append(group).append(last ? ">.*)" : ">.*?)");
                }
            }
            return new Command.Parse(source, Pattern.compile(regex.toString(), Pattern.DOTALL), names, groups);
        }
        if (pattern.kind() == Token.Kind.REGEX) {
            Pattern regex = Tokens.regex(pattern);
            List<String> names = groupNames(regex.pattern());
            if (names.isEmpty()) {
                throw MalformedQuery.of("The parse regular expression must have at least one named capture group",
                        pattern);
            }
            return new Command.Parse(source, regex, names, names);
        }
        throw MalformedQuery.at(pattern);
    }

    private static List<String> groupNames(String regex) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>").matcher(regex);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private Command stats() {
        List<Aggregates.Aggregation> aggregations = new ArrayList<>();
        do {
            int start = cursor.peek().offset();
            Token fn = cursor.next();
            if (fn.kind() != Token.Kind.IDENT || !Aggregates.isAggregate(fn.text())) {
                throw MalformedQuery.at(fn);
            }
            cursor.expect("(");
            String function = fn.text().toLowerCase(Locale.ROOT);
            Expr argument = null;
            double percentile = 0;
            if (cursor.take("*")) {
                if (!function.equals("count")) {
                    throw MalformedQuery.at(cursor.previous());
                }
            } else if (!cursor.peek().is(")")) {
                argument = expressions.expression();
            }
            if (function.equals("pct") || function.equals("percentile")) {
                cursor.expect(",");
                Token p = cursor.next();
                if (p.kind() != Token.Kind.NUMBER || argument == null) {
                    throw MalformedQuery.at(p);
                }
                percentile = Double.parseDouble(p.text());
            } else if (argument == null && !function.equals("count")) {
                throw MalformedQuery.at(cursor.peek());
            }
            cursor.expect(")");
            String text = cursor.text(start);
            aggregations.add(new Aggregates.Aggregation(function, argument, percentile, alias(text)));
        } while (cursor.take(","));
        List<Command.Projection> groups = new ArrayList<>();
        if (cursor.take("by")) {
            groups = projections();
        }
        return new Command.Stats(aggregations, groups);
    }

    /** {@code filterIndex field = value} or {@code filterIndex field in [...]} (CWL_QuerySyntax-FilterIndex.html). */
    private Command filterIndex() {
        Token start = cursor.peek();
        Expr condition = expressions.expression();
        String field = condition instanceof Expr.Compare c && c.op().equals("=") && c.left() instanceof Expr.Field f
                ? f.name()
                : condition instanceof Expr.In in && !in.negated() && in.value() instanceof Expr.Field f ? f.name() : null;
        if (field == null) {
            throw MalformedQuery.at(start);
        }
        return new Command.FilterIndex(field, condition);
    }

    private Command sort() {
        List<Command.SortKey> keys = new ArrayList<>();
        do {
            Expr e = expressions.expression();
            boolean descending = false;
            if (cursor.take("desc")) {
                descending = true;
            } else {
                cursor.take("asc");
            }
            keys.add(new Command.SortKey(e, descending));
        } while (cursor.take(","));
        return new Command.Sort(keys);
    }

    private Command limit() {
        Token n = cursor.next();
        if (n.kind() != Token.Kind.NUMBER || !n.text().matches("\\d+")) {
            throw MalformedQuery.at(n);
        }
        long count = Long.parseLong(n.text());
        if (count < 1 || count > 10_000) {
            throw MalformedQuery.of("limit must be between 1 and 10000", n);
        }
        return new Command.Limit((int) count);
    }
}
