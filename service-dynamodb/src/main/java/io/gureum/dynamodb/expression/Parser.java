package io.gureum.dynamodb.expression;

import io.gureum.dynamodb.expression.Ast.AddAction;
import io.gureum.dynamodb.expression.Ast.And;
import io.gureum.dynamodb.expression.Ast.Arithmetic;
import io.gureum.dynamodb.expression.Ast.Between;
import io.gureum.dynamodb.expression.Ast.Comparison;
import io.gureum.dynamodb.expression.Ast.Condition;
import io.gureum.dynamodb.expression.Ast.DeleteAction;
import io.gureum.dynamodb.expression.Ast.FunctionCondition;
import io.gureum.dynamodb.expression.Ast.FunctionOperand;
import io.gureum.dynamodb.expression.Ast.In;
import io.gureum.dynamodb.expression.Ast.Not;
import io.gureum.dynamodb.expression.Ast.Operand;
import io.gureum.dynamodb.expression.Ast.Or;
import io.gureum.dynamodb.expression.Ast.PathOperand;
import io.gureum.dynamodb.expression.Ast.SetAction;
import io.gureum.dynamodb.expression.Ast.Update;
import io.gureum.dynamodb.expression.Ast.ValueOperand;
import io.gureum.dynamodb.expression.Token.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive-descent parser for every expression kind. {@code kind} is the request parameter's name
 * (ConditionExpression, FilterExpression, KeyConditionExpression, UpdateExpression,
 * ProjectionExpression) and prefixes every error message, as DynamoDB does.
 */
public final class Parser {
    static final Set<String> RESERVED = loadReserved();
    private static final Set<String> CONDITION_FUNCTIONS = Set.of("attribute_exists", "attribute_not_exists",
            "attribute_type", "begins_with", "contains");
    private static final Set<String> FUNCTIONS = Set.of("attribute_exists", "attribute_not_exists",
            "attribute_type", "begins_with", "contains", "size", "if_not_exists", "list_append");
    private static final Set<String> TYPES = Set.of("S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M");

    private final String kind;
    private final String src;
    private final List<Token> tokens;
    private final ExpressionAttributes attrs;
    private int pos;
    private int depth;

    /** "The maximum length of any expression string is 4 KB" (DynamoDB's limits page, expression parameters). */
    static final int MAX_EXPRESSION_BYTES = 4096;
    /** Parentheses and NOTs nest at most this deep, so no expression reaches a recursion that could overflow. */
    static final int MAX_NESTING = 100;

    private Parser(String kind, String src, ExpressionAttributes attrs) {
        this.kind = kind;
        this.src = src;
        this.attrs = attrs;
        if (src.isBlank()) {
            throw Errors.invalid(kind, "The expression can not be empty;");
        }
        int size = src.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (size > MAX_EXPRESSION_BYTES) {
            throw Errors.invalid(kind, "Expression size has exceeded the maximum allowed size; expression size: " + size);
        }
        this.tokens = Lexer.tokenize(src, kind);
    }

    /** Parses a ConditionExpression, FilterExpression or KeyConditionExpression. */
    public static Condition condition(String kind, String src, ExpressionAttributes attrs) {
        Parser p = new Parser(kind, src, attrs);
        Condition c = p.or();
        p.expect(Kind.EOF);
        return c;
    }

    public static Update update(String src, ExpressionAttributes attrs) {
        Parser p = new Parser("UpdateExpression", src, attrs);
        Update u = p.updateClauses();
        checkOverlaps("UpdateExpression", u.paths());
        return u;
    }

    public static List<Path> projection(String src, ExpressionAttributes attrs) {
        Parser p = new Parser("ProjectionExpression", src, attrs);
        List<Path> out = new ArrayList<>();
        out.add(p.path());
        while (p.peek().is(Kind.COMMA)) {
            p.pos++;
            out.add(p.path());
        }
        p.expect(Kind.EOF);
        checkOverlaps("ProjectionExpression", out);
        return out;
    }

    private static void checkOverlaps(String kind, List<Path> paths) {
        for (int i = 0; i < paths.size(); i++) {
            for (int j = i + 1; j < paths.size(); j++) {
                Path a = paths.get(i);
                Path b = paths.get(j);
                if (a.overlaps(b)) {
                    throw Errors.invalid(kind, "Two document paths overlap with each other; must remove or rewrite one of"
                            + " these paths; path one: " + a + ", path two: " + b);
                }
                if (a.conflicts(b)) {
                    throw Errors.invalid(kind, "Two document paths conflict with each other; must remove or rewrite one of"
                            + " these paths; path one: " + a + ", path two: " + b);
                }
            }
        }
    }

    // ---- conditions ----

    private Condition or() {
        Condition left = and();
        while (peek().isKeyword("OR")) {
            pos++;
            left = new Or(left, and());
        }
        return left;
    }

    private Condition and() {
        Condition left = not();
        while (peek().isKeyword("AND")) {
            pos++;
            left = new And(left, not());
        }
        return left;
    }

    private Condition not() {
        if (peek().isKeyword("NOT")) {
            pos++;
            enter();
            Condition inner = not();
            depth--;
            return new Not(inner);
        }
        return primary();
    }

    private void enter() {
        if (++depth > MAX_NESTING) {
            throw Errors.invalid(kind, "The expression is nested too deeply; the maximum nesting depth is " + MAX_NESTING);
        }
    }

    private Condition primary() {
        if (peek().is(Kind.LPAREN)) {
            pos++;
            enter();
            Condition c = or();
            expect(Kind.RPAREN);
            depth--;
            return c;
        }
        Token start = peek();
        Operand left = operand(false);
        Token t = peek();
        if (left instanceof FunctionOperand f && CONDITION_FUNCTIONS.contains(f.name())) {
            if (isComparator(t) || t.isKeyword("BETWEEN") || t.isKeyword("IN")) {
                throw Errors.invalid(kind, "The function is not allowed to be used this way in an expression; function: " + f.name());
            }
            return new FunctionCondition(f.name(), f.args());
        }
        if (isComparator(t)) {
            pos++;
            Operand right = operand(false);
            return new Comparison(left, t.text(), right);
        }
        if (t.isKeyword("BETWEEN")) {
            pos++;
            Operand low = operand(false);
            if (!peek().isKeyword("AND")) {
                throw syntaxError(peek());
            }
            pos++;
            Operand high = operand(false);
            checkBounds(low, high);
            return new Between(left, low, high);
        }
        if (t.isKeyword("IN")) {
            pos++;
            expect(Kind.LPAREN);
            List<Operand> candidates = new ArrayList<>();
            candidates.add(operand(false));
            while (peek().is(Kind.COMMA)) {
                pos++;
                candidates.add(operand(false));
            }
            expect(Kind.RPAREN);
            if (candidates.size() > 100) {
                throw Errors.invalid(kind, "The IN operator is provided with too many operands; number of operands: "
                        + candidates.size());
            }
            return new In(left, candidates);
        }
        if (left instanceof FunctionOperand f && f.name().equals("size")) {
            throw syntaxError(t);
        }
        throw syntaxError(t.is(Kind.EOF) ? t : t);
    }

    private void checkBounds(Operand low, Operand high) {
        if (low instanceof ValueOperand l && high instanceof ValueOperand h) {
            Integer c = Values.compare(l.value(), h.value());
            if (c != null && c > 0) {
                throw Errors.invalid(kind, "The BETWEEN operator requires upper bound to be greater than or equal to lower"
                        + " bound; lower bound operand: AttributeValue: {" + Values.type(l.value()) + ":" + scalar(l.value())
                        + "}, upper bound operand: AttributeValue: {" + Values.type(h.value()) + ":" + scalar(h.value()) + "}");
            }
        }
    }

    private static String scalar(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
        return v.s() != null ? v.s() : v.n() != null ? v.n() : String.valueOf(v.b());
    }

    private static boolean isComparator(Token t) {
        return switch (t.kind()) {
            case EQ, NE, LT, LE, GT, GE -> true;
            default -> false;
        };
    }

    // ---- operands ----

    /** A path, a value, or a function call; in SET, also functions that build values. */
    private Operand operand(boolean inUpdate) {
        Token t = peek();
        if (t.is(Kind.VALUE)) {
            pos++;
            return new ValueOperand(t.text(), attrs.value(kind, t.text()));
        }
        if (t.is(Kind.IDENT) && peekAt(1).is(Kind.LPAREN)) {
            return function(inUpdate);
        }
        if (t.is(Kind.IDENT) || t.is(Kind.NAME)) {
            return new PathOperand(path());
        }
        throw syntaxError(t);
    }

    private Operand function(boolean inUpdate) {
        Token nameTok = next();
        String name = nameTok.text();
        if (!FUNCTIONS.contains(name)) {
            throw Errors.invalid(kind, "Invalid function name; function: " + name);
        }
        if (inUpdate && !(name.equals("if_not_exists") || name.equals("list_append"))) {
            throw Errors.invalid(kind, "The function is not allowed in an update expression; function: " + name);
        }
        if (!inUpdate && (name.equals("if_not_exists") || name.equals("list_append"))) {
            throw Errors.invalid(kind, "The function is not allowed in a condition expression; function: " + name);
        }
        expect(Kind.LPAREN);
        enter();
        List<Operand> args = new ArrayList<>();
        if (!peek().is(Kind.RPAREN)) {
            args.add(operand(inUpdate));
            while (peek().is(Kind.COMMA)) {
                pos++;
                args.add(operand(inUpdate));
            }
        }
        expect(Kind.RPAREN);
        depth--;
        checkFunction(name, args);
        return new FunctionOperand(name, args);
    }

    private void checkFunction(String name, List<Operand> args) {
        int expected = switch (name) {
            case "attribute_exists", "attribute_not_exists", "size" -> 1;
            default -> 2;
        };
        if (args.size() != expected) {
            throw Errors.invalid(kind, "Incorrect number of operands for operator or function; operator or function: "
                    + name + ", number of operands: " + args.size());
        }
        boolean needsPath = !name.equals("list_append");
        if (needsPath && !(args.get(0) instanceof PathOperand)) {
            throw Errors.invalid(kind, "Operator or function requires a document path; operator or function: " + name);
        }
        if (name.equals("attribute_type")) {
            if (args.get(1) instanceof ValueOperand v) {
                if (v.value().s() == null) {
                    throw Errors.invalid(kind, "Incorrect operand type for operator or function; operator or function: "
                            + name + ", operand type: " + Values.type(v.value()));
                }
                if (!TYPES.contains(v.value().s())) {
                    throw Errors.invalid(kind, "Invalid attribute type name found; type: " + v.value().s()
                            + ", valid types: { B, NULL, SS, BOOL, L, BS, N, NS, S, M }");
                }
            }
        }
        if (name.equals("begins_with") && args.get(1) instanceof ValueOperand v) {
            String t = Values.type(v.value());
            if (!"S".equals(t) && !"B".equals(t)) {
                throw Errors.invalid(kind, "Incorrect operand type for operator or function; operator or function: "
                        + name + ", operand type: " + t);
            }
        }
    }

    /** name ( '.' name | '[' n ']' )* */
    private Path path() {
        List<Object> elements = new ArrayList<>();
        elements.add(pathName());
        while (true) {
            Token t = peek();
            if (t.is(Kind.DOT)) {
                pos++;
                elements.add(pathName());
            } else if (t.is(Kind.LBRACKET)) {
                pos++;
                Token n = next();
                if (!n.is(Kind.NUMBER)) {
                    throw syntaxError(n);
                }
                expect(Kind.RBRACKET);
                elements.add(Integer.parseInt(n.text()));
            } else {
                return new Path(elements);
            }
        }
    }

    private String pathName() {
        Token t = next();
        if (t.is(Kind.NAME)) {
            return attrs.name(kind, t.text());
        }
        if (t.is(Kind.IDENT)) {
            if (RESERVED.contains(t.text().toUpperCase(Locale.ROOT))) {
                throw Errors.invalid(kind, "Attribute name is a reserved keyword; reserved keyword: " + t.text());
            }
            return t.text();
        }
        throw syntaxError(t);
    }

    // ---- update ----

    private Update updateClauses() {
        List<SetAction> set = new ArrayList<>();
        List<Path> remove = new ArrayList<>();
        List<AddAction> add = new ArrayList<>();
        List<DeleteAction> delete = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        do {
            Token t = next();
            String clause = t.kind() == Kind.IDENT ? t.text().toUpperCase(Locale.ROOT) : "";
            switch (clause) {
                case "SET", "REMOVE", "ADD", "DELETE" -> {
                    if (!seen.add(clause)) {
                        throw Errors.invalid(kind, "The \"" + clause + "\" section can only be used once in an update expression;");
                    }
                }
                default -> throw syntaxError(t);
            }
            do {
                switch (clause) {
                    case "SET" -> {
                        Path p = path();
                        expect(Kind.EQ);
                        set.add(new SetAction(p, setValue()));
                    }
                    case "REMOVE" -> remove.add(path());
                    case "ADD" -> add.add(new AddAction(path(), valueOperand()));
                    default -> delete.add(new DeleteAction(path(), valueOperand()));
                }
            } while (peek().is(Kind.COMMA) && next() != null);
        } while (!peek().is(Kind.EOF));
        for (AddAction a : add) {
            String t = Values.type(a.value().value());
            if (!List.of("N", "SS", "NS", "BS").contains(t)) {
                throw Errors.invalid(kind, "Incorrect operand type for operator or function; operator: ADD, operand type: "
                        + typeWord(t));
            }
        }
        for (DeleteAction d : delete) {
            String t = Values.type(d.value().value());
            if (!List.of("SS", "NS", "BS").contains(t)) {
                throw Errors.invalid(kind, "Incorrect operand type for operator or function; operator: DELETE, operand type: "
                        + typeWord(t));
            }
        }
        return new Update(set, remove, add, delete);
    }

    private static String typeWord(String t) {
        return switch (t) {
            case "S" -> "STRING";
            case "N" -> "NUMBER";
            case "B" -> "BINARY";
            case "BOOL" -> "BOOLEAN";
            case "NULL" -> "NULL";
            case "L" -> "LIST";
            case "M" -> "MAP";
            default -> t;
        };
    }

    private ValueOperand valueOperand() {
        Token t = next();
        if (!t.is(Kind.VALUE)) {
            throw syntaxError(t);
        }
        return new ValueOperand(t.text(), attrs.value(kind, t.text()));
    }

    private Operand setValue() {
        Operand left = operand(true);
        Token t = peek();
        if (t.is(Kind.PLUS) || t.is(Kind.MINUS)) {
            pos++;
            Operand right = operand(true);
            return new Arithmetic(left, t.text().charAt(0), right);
        }
        return left;
    }

    // ---- tokens ----

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (pos < tokens.size() - 1) {
            pos++;
        }
        return t;
    }

    private void expect(Kind k) {
        Token t = next();
        if (!t.is(k)) {
            throw syntaxError(t);
        }
    }

    private RuntimeException syntaxError(Token t) {
        return Errors.syntax(kind, src, tokens, t);
    }

    private static Set<String> loadReserved() {
        try (InputStream in = Parser.class.getResourceAsStream("reserved-words.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Set<String> out = new HashSet<>();
            for (String w : text.split("\\s+")) {
                if (!w.isEmpty()) {
                    out.add(w);
                }
            }
            return Set.copyOf(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
