package io.gureum.dynamodb.expression;

import io.gureum.dynamodb.expression.Ast.And;
import io.gureum.dynamodb.expression.Ast.Arithmetic;
import io.gureum.dynamodb.expression.Ast.Between;
import io.gureum.dynamodb.expression.Ast.Comparison;
import io.gureum.dynamodb.expression.Ast.Condition;
import io.gureum.dynamodb.expression.Ast.FunctionCondition;
import io.gureum.dynamodb.expression.Ast.FunctionOperand;
import io.gureum.dynamodb.expression.Ast.In;
import io.gureum.dynamodb.expression.Ast.Not;
import io.gureum.dynamodb.expression.Ast.Operand;
import io.gureum.dynamodb.expression.Ast.Or;
import io.gureum.dynamodb.expression.Ast.PathOperand;
import io.gureum.dynamodb.expression.Ast.ValueOperand;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Evaluates conditions and operands against an item (a missing item is an empty one). */
public final class Evaluator {
    private Evaluator() {
    }

    public static boolean test(Condition c, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> it = item == null ? Map.of() : item;
        return eval(c, it);
    }

    private static boolean eval(Condition c, Map<String, AttributeValue> item) {
        if (c instanceof And a) {
            return eval(a.left(), item) && eval(a.right(), item);
        }
        if (c instanceof Or o) {
            return eval(o.left(), item) || eval(o.right(), item);
        }
        if (c instanceof Not n) {
            return !eval(n.inner(), item);
        }
        if (c instanceof Comparison cmp) {
            AttributeValue l = operand(cmp.left(), item);
            AttributeValue r = operand(cmp.right(), item);
            switch (cmp.op()) {
                case "=":
                    return Values.equal(l, r);
                case "<>":
                    return !Values.equal(l, r);
                default:
                    Integer o = Values.compare(l, r);
                    if (o == null) {
                        return false;
                    }
                    return switch (cmp.op()) {
                        case "<" -> o < 0;
                        case "<=" -> o <= 0;
                        case ">" -> o > 0;
                        default -> o >= 0;
                    };
            }
        }
        if (c instanceof Between b) {
            AttributeValue v = operand(b.value(), item);
            Integer lo = Values.compare(v, operand(b.low(), item));
            Integer hi = Values.compare(v, operand(b.high(), item));
            return lo != null && hi != null && lo >= 0 && hi <= 0;
        }
        if (c instanceof In in) {
            AttributeValue v = operand(in.value(), item);
            for (Operand o : in.candidates()) {
                if (Values.equal(v, operand(o, item))) {
                    return true;
                }
            }
            return false;
        }
        FunctionCondition f = (FunctionCondition) c;
        AttributeValue first = operand(f.args().get(0), item);
        switch (f.name()) {
            case "attribute_exists":
                return first != null;
            case "attribute_not_exists":
                return first == null;
            case "attribute_type": {
                AttributeValue t = operand(f.args().get(1), item);
                return first != null && t != null && t.s() != null && t.s().equals(Values.type(first));
            }
            case "begins_with": {
                AttributeValue p = operand(f.args().get(1), item);
                if (first == null || p == null) {
                    return false;
                }
                if (first.s() != null && p.s() != null) {
                    return first.s().startsWith(p.s());
                }
                if (first.b() != null && p.b() != null) {
                    byte[] a = first.b().asByteArrayUnsafe();
                    byte[] x = p.b().asByteArrayUnsafe();
                    return a.length >= x.length && Arrays.equals(a, 0, x.length, x, 0, x.length);
                }
                return false;
            }
            default:
                return contains(first, operand(f.args().get(1), item));
        }
    }

    private static boolean contains(AttributeValue haystack, AttributeValue needle) {
        if (haystack == null || needle == null) {
            return false;
        }
        String t = Values.type(haystack);
        switch (t) {
            case "S":
                return needle.s() != null && haystack.s().contains(needle.s());
            case "SS":
                return needle.s() != null && haystack.ss().contains(needle.s());
            case "NS":
                if (needle.n() == null) {
                    return false;
                }
                BigDecimal d = new BigDecimal(needle.n());
                return haystack.ns().stream().anyMatch(n -> new BigDecimal(n).compareTo(d) == 0);
            case "BS":
                return needle.b() != null && haystack.bs().contains(needle.b());
            case "B":
                return needle.b() != null && new String(haystack.b().asByteArrayUnsafe(), StandardCharsets.ISO_8859_1)
                        .contains(new String(needle.b().asByteArrayUnsafe(), StandardCharsets.ISO_8859_1));
            case "L":
                return haystack.l().stream().anyMatch(e -> Values.equal(e, needle));
            default:
                return false;
        }
    }

    /** The value of an operand; null if it names a missing attribute. */
    public static AttributeValue operand(Operand o, Map<String, AttributeValue> item) {
        if (o instanceof ValueOperand v) {
            return v.value();
        }
        if (o instanceof PathOperand p) {
            return resolve(p.path(), item);
        }
        if (o instanceof Arithmetic a) {
            AttributeValue l = operand(a.left(), item);
            AttributeValue r = operand(a.right(), item);
            if (l == null || r == null) {
                throw Values.validation("The provided expression refers to an attribute that does not exist in the item");
            }
            if (l.n() == null || r.n() == null) {
                throw Values.validation("An operand in the update expression has an incorrect data type");
            }
            BigDecimal x = new BigDecimal(l.n());
            BigDecimal y = new BigDecimal(r.n());
            return Values.num(a.op() == '+' ? Values.add(x, y) : Values.add(x, y.negate()));
        }
        FunctionOperand f = (FunctionOperand) o;
        switch (f.name()) {
            case "size": {
                AttributeValue v = operand(f.args().get(0), item);
                if (v == null) {
                    return null;
                }
                long n = switch (Values.type(v)) {
                    case "S" -> v.s().length();
                    case "B" -> v.b().asByteArrayUnsafe().length;
                    case "SS" -> v.ss().size();
                    case "NS" -> v.ns().size();
                    case "BS" -> v.bs().size();
                    case "L" -> v.l().size();
                    case "M" -> v.m().size();
                    default -> -1;
                };
                return n < 0 ? null : Values.n(Long.toString(n));
            }
            case "if_not_exists": {
                AttributeValue v = operand(f.args().get(0), item);
                return v != null ? v : operand(f.args().get(1), item);
            }
            case "list_append": {
                AttributeValue a = operand(f.args().get(0), item);
                AttributeValue b = operand(f.args().get(1), item);
                if (a == null || b == null) {
                    throw Values.validation("The provided expression refers to an attribute that does not exist in the item");
                }
                if (!a.hasL() || !b.hasL()) {
                    throw Values.validation("An operand in the update expression has an incorrect data type");
                }
                java.util.List<AttributeValue> out = new java.util.ArrayList<>(a.l());
                out.addAll(b.l());
                return AttributeValue.builder().l(out).build();
            }
            default:
                throw new IllegalStateException("function " + f.name() + " used as an operand");
        }
    }

    /** The value at a document path, or null. */
    public static AttributeValue resolve(Path path, Map<String, AttributeValue> item) {
        AttributeValue cur = item.get(path.head());
        for (int i = 1; i < path.size() && cur != null; i++) {
            Object e = path.elements().get(i);
            if (e instanceof Integer idx) {
                cur = cur.hasL() && idx < cur.l().size() ? cur.l().get(idx) : null;
            } else {
                cur = cur.hasM() ? cur.m().get(e) : null;
            }
        }
        return cur;
    }

    static SdkBytes bytes(byte[] b) {
        return SdkBytes.fromByteArray(b);
    }
}
