package io.gureum.logs.insights;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses Logs Insights QL (CWL_QuerySyntax.html) into a {@link Query}. A syntax error is a
 * {@link MalformedQuery} worded as AWS words it: "unexpected symbol found … at line … and position …".
 */
public final class Parser {
    /** Commands of the language that Gureum does not run (machine learning, lookups, joins, data sources). */
    private static final Set<String> UNSUPPORTED = Set.of("pattern", "diff", "anomaly", "unmask", "unnest", "lookup",
            "filterindex", "source", "join", "addtotals");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "like", "in", "as", "by", "asc", "desc");

    private final String query;
    private final List<Token> tokens;
    private int i;

    private Parser(String query) {
        this.query = query;
        this.tokens = Lexer.tokens(query);
    }

    public static Query parse(String query) {
        return new Parser(query == null ? "" : query).query();
    }

    private Query query() {
        List<Command> commands = new ArrayList<>();
        boolean sawDedup = false;
        while (peek().kind() != Token.Kind.END) {
            if (peek().kind() == Token.Kind.PIPE) {
                next();
                continue;
            }
            Token name = next();
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
                case "filter" -> new Command.Filter(expression());
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
            Token after = peek();
            if (after.kind() != Token.Kind.PIPE && after.kind() != Token.Kind.END) {
                throw MalformedQuery.at(after);
            }
        }
        return new Query(commands);
    }

    private List<Command.Projection> projections() {
        List<Command.Projection> out = new ArrayList<>();
        do {
            Expr e = expression();
            out.add(new Command.Projection(e, alias(e.text())));
        } while (take(","));
        return out;
    }

    private String alias(String otherwise) {
        if (take("as")) {
            return identifier();
        }
        return otherwise;
    }

    private List<String> names() {
        List<String> out = new ArrayList<>();
        do {
            out.add(identifier());
        } while (take(","));
        return out;
    }

    private String identifier() {
        Token t = next();
        if (t.kind() != Token.Kind.IDENT || KEYWORDS.contains(t.text().toLowerCase(Locale.ROOT))) {
            throw MalformedQuery.at(t);
        }
        return t.text();
    }

    /** {@code parse @message "user=* action=*" as user, action} or {@code parse @message /user=(?<user>\S+)/}. */
    private Command parseCommand() {
        Expr source = primary();
        Token pattern = next();
        if (pattern.kind() == Token.Kind.STRING) {
            if (!take("as")) {
                throw MalformedQuery.at(peek());
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
            Pattern regex = regex(pattern);
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
            int start = peek().offset();
            Token fn = next();
            if (fn.kind() != Token.Kind.IDENT || !Aggregates.isAggregate(fn.text())) {
                throw MalformedQuery.at(fn);
            }
            expect("(");
            String function = fn.text().toLowerCase(Locale.ROOT);
            Expr argument = null;
            double percentile = 0;
            if (take("*")) {
                if (!function.equals("count")) {
                    throw MalformedQuery.at(tokens.get(i - 1));
                }
            } else if (!peek().is(")")) {
                argument = expression();
            }
            if (function.equals("pct") || function.equals("percentile")) {
                expect(",");
                Token p = next();
                if (p.kind() != Token.Kind.NUMBER || argument == null) {
                    throw MalformedQuery.at(p);
                }
                percentile = Double.parseDouble(p.text());
            } else if (argument == null && !function.equals("count")) {
                throw MalformedQuery.at(peek());
            }
            expect(")");
            String text = query.substring(start, tokens.get(i - 1).end());
            aggregations.add(new Aggregates.Aggregation(function, argument, percentile, alias(text)));
        } while (take(","));
        List<Command.Projection> groups = new ArrayList<>();
        if (take("by")) {
            groups = projections();
        }
        return new Command.Stats(aggregations, groups);
    }

    private Command sort() {
        List<Command.SortKey> keys = new ArrayList<>();
        do {
            Expr e = expression();
            boolean descending = false;
            if (take("desc")) {
                descending = true;
            } else {
                take("asc");
            }
            keys.add(new Command.SortKey(e, descending));
        } while (take(","));
        return new Command.Sort(keys);
    }

    private Command limit() {
        Token n = next();
        if (n.kind() != Token.Kind.NUMBER || !n.text().matches("\\d+")) {
            throw MalformedQuery.at(n);
        }
        long count = Long.parseLong(n.text());
        if (count < 1 || count > 10_000) {
            throw MalformedQuery.of("limit must be between 1 and 10000", n);
        }
        return new Command.Limit((int) count);
    }

    // Expressions, loosest first: or, and, not, comparison/like/in, + -, * / %, unary -, ^, primary.

    private Expr expression() {
        int start = peek().offset();
        Expr left = and();
        while (take("or")) {
            Expr right = and();
            left = new Expr.Logical(false, left, right, text(start));
        }
        return left;
    }

    private Expr and() {
        int start = peek().offset();
        Expr left = not();
        while (take("and")) {
            Expr right = not();
            left = new Expr.Logical(true, left, right, text(start));
        }
        return left;
    }

    private Expr not() {
        int start = peek().offset();
        if (take("not")) {
            Expr inner = not();
            return new Expr.Not(inner, text(start));
        }
        return comparison();
    }

    private Expr comparison() {
        int start = peek().offset();
        Expr left = additive();
        boolean negated = false;
        if (peek().is("not") && (peekAt(1).is("like") || peekAt(1).is("in"))) {
            next();
            negated = true;
        }
        if (take("like") || (!negated && take("=~"))) {
            Token p = next();
            Pattern pattern = switch (p.kind()) {
                case STRING -> Pattern.compile(Pattern.quote(p.text()));
                case REGEX -> regex(p);
                default -> throw MalformedQuery.at(p);
            };
            return new Expr.Like(left, pattern, negated, text(start));
        }
        if (take("in")) {
            expect("[");
            List<Expr> list = new ArrayList<>();
            if (!peek().is("]")) {
                do {
                    list.add(additive());
                } while (take(","));
            }
            expect("]");
            return new Expr.In(left, list, negated, text(start));
        }
        if (negated) {
            throw MalformedQuery.at(peek());
        }
        for (String op : List.of("=", "==", "!=", "<", ">", "<=", ">=")) {
            if (peek().kind() == Token.Kind.SYMBOL && peek().text().equals(op)) {
                next();
                Expr right = additive();
                return new Expr.Compare(op, left, right, text(start));
            }
        }
        return left;
    }

    private Expr additive() {
        int start = peek().offset();
        Expr left = multiplicative();
        while (peek().is("+") || peek().is("-")) {
            String op = next().text();
            Expr right = multiplicative();
            left = new Expr.Arithmetic(op, left, right, text(start));
        }
        return left;
    }

    private Expr multiplicative() {
        int start = peek().offset();
        Expr left = unary();
        while (peek().is("*") || peek().is("/") || peek().is("%")) {
            String op = next().text();
            Expr right = unary();
            left = new Expr.Arithmetic(op, left, right, text(start));
        }
        return left;
    }

    private Expr unary() {
        int start = peek().offset();
        if (take("-")) {
            Expr inner = unary();
            return new Expr.Negate(inner, text(start));
        }
        Expr base = primary();
        if (take("^")) {
            Expr exponent = unary();
            return new Expr.Arithmetic("^", base, exponent, text(start));
        }
        return base;
    }

    private Expr primary() {
        int start = peek().offset();
        Token t = next();
        switch (t.kind()) {
            case NUMBER:
                return new Expr.Literal(Double.valueOf(t.text()), t.text());
            case STRING:
                return new Expr.Literal(t.text(), text(start));
            case REGEX:
                return new Expr.Regex(regex(t), text(start));
            case IDENT:
                if (KEYWORDS.contains(t.text().toLowerCase(Locale.ROOT))) {
                    throw MalformedQuery.at(t);
                }
                if (peek().is("(")) {
                    return call(t, start);
                }
                return new Expr.Field(t.text());
            case SYMBOL:
                if (t.text().equals("(")) {
                    Expr inner = expression();
                    expect(")");
                    return inner;
                }
                throw MalformedQuery.at(t);
            default:
                throw MalformedQuery.at(t);
        }
    }

    private Expr call(Token name, int start) {
        Functions.Function f = Functions.find(name.text());
        if (f == null) {
            throw MalformedQuery.at(name);
        }
        expect("(");
        List<Expr> args = new ArrayList<>();
        int durationAt = Functions.durationArgument(name.text());
        if (!peek().is(")")) {
            do {
                if (args.size() == durationAt) {
                    Token d = next();
                    if (d.kind() != Token.Kind.DURATION) {
                        throw MalformedQuery.at(d);
                    }
                    args.add(new Expr.Literal(Durations.parse(d), d.text()));
                } else {
                    args.add(expression());
                }
            } while (take(","));
        }
        Token close = expect(")");
        if (args.size() < f.minArgs() || args.size() > f.maxArgs()) {
            throw MalformedQuery.at(close);
        }
        return new Expr.Call(f, args, text(start));
    }

    private Pattern regex(Token t) {
        int nul = t.text().indexOf('\0');
        String body = t.text().substring(0, nul);
        String flags = t.text().substring(nul + 1);
        int f = 0;
        for (char c : flags.toCharArray()) {
            f |= switch (c) {
                case 'i' -> Pattern.CASE_INSENSITIVE;
                case 'm' -> Pattern.MULTILINE;
                case 's' -> Pattern.DOTALL;
                default -> throw MalformedQuery.at(t);
            };
        }
        // "(?i)" at the start of the expression is the documented way to ignore case.
        try {
            return Pattern.compile(body, f);
        } catch (PatternSyntaxException e) {
            throw MalformedQuery.of("Invalid regular expression: " + body, t);
        }
    }

    private String text(int start) {
        return query.substring(start, tokens.get(i - 1).end()).strip();
    }

    private Token peek() {
        return tokens.get(i);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(tokens.size() - 1, i + ahead));
    }

    private Token next() {
        Token t = tokens.get(i);
        if (t.kind() != Token.Kind.END) {
            i++;
        }
        return t;
    }

    private boolean take(String symbolOrWord) {
        if (peek().is(symbolOrWord) && peek().kind() != Token.Kind.STRING) {
            i++;
            return true;
        }
        return false;
    }

    private Token expect(String symbol) {
        Token t = next();
        if (!t.is(symbol)) {
            throw MalformedQuery.at(t);
        }
        return t;
    }
}
