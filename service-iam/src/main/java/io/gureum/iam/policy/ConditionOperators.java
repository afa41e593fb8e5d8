package io.gureum.iam.policy;

import io.gureum.core.http.IpLiterals;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The condition operators of
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html: String*,
 * Numeric*, Date*, Bool, BinaryEquals, IpAddress/NotIpAddress, Arn*, Null, with the {@code IfExists} suffix and
 * the {@code ForAllValues:}/{@code ForAnyValue:} set qualifiers
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html).
 *
 * <p>Without a set qualifier a test is true when any of the request's values matches any of the policy's values.
 * A negated operator ({@code StringNotEquals}, {@code NotIpAddress} …) is the negation of its positive form, so
 * it is true when the key is absent. An unknown operator never matches.
 */
final class ConditionOperators {
    private ConditionOperators() {
    }

    static boolean test(Condition condition, ContextKeys context) {
        String operator = condition.operator();
        boolean forAll = false;
        boolean forAny = false;
        if (operator.startsWith("ForAllValues:")) {
            forAll = true;
            operator = operator.substring("ForAllValues:".length());
        } else if (operator.startsWith("ForAnyValue:")) {
            forAny = true;
            operator = operator.substring("ForAnyValue:".length());
        }
        boolean ifExists = operator.endsWith("IfExists");
        if (ifExists) {
            operator = operator.substring(0, operator.length() - "IfExists".length());
        }
        List<String> requestValues = context.get(condition.key());
        if (operator.equals("Null")) {
            boolean absent = requestValues == null || requestValues.isEmpty();
            return condition.values().stream().anyMatch(v -> Boolean.parseBoolean(v.toLowerCase(Locale.ROOT)) == absent);
        }
        boolean negated = isNegated(operator);
        String positive = negated ? positiveOf(operator) : operator;
        if (!known(positive)) {
            return false;
        }
        if (requestValues == null) {
            // ForAllValues over no values is vacuously true; IfExists makes an absent key pass.
            return ifExists || forAll || negated && !forAny;
        }
        if (forAll) {
            // Every request value must match (for a negated operator: match none of) the policy's values.
            return requestValues.stream().allMatch(v -> anyPolicyValue(positive, condition, v, context) != negated);
        }
        if (forAny) {
            return requestValues.stream().anyMatch(v -> anyPolicyValue(positive, condition, v, context) != negated);
        }
        boolean any = requestValues.stream().anyMatch(v -> anyPolicyValue(positive, condition, v, context));
        return any != negated;
    }

    private static boolean anyPolicyValue(String operator, Condition condition, String requestValue,
            ContextKeys context) {
        for (String policyValue : condition.values()) {
            String p = substitutes(operator) ? PolicyVariables.substitute(policyValue, context) : policyValue;
            if (p != null && matches(operator, p, requestValue)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNegated(String operator) {
        return operator.equals("NotIpAddress") || operator.contains("Not") && !operator.equals("Null");
    }

    private static String positiveOf(String operator) {
        return operator.equals("NotIpAddress") ? "IpAddress" : operator.replace("Not", "");
    }

    private static boolean known(String operator) {
        return switch (operator) {
            case "StringEquals", "StringEqualsIgnoreCase", "StringLike", "NumericEquals", "NumericLessThan",
                    "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals", "DateEquals",
                    "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals", "Bool",
                    "BinaryEquals", "IpAddress", "ArnEquals", "ArnLike" -> true;
            default -> false;
        };
    }

    /** Policy variables are replaced in the string and ARN operators only. */
    private static boolean substitutes(String operator) {
        return operator.startsWith("String") || operator.startsWith("Arn");
    }

    private static boolean matches(String operator, String policy, String request) {
        return switch (operator) {
            case "StringEquals" -> PolicyVariables.literal(policy).equals(request);
            case "StringEqualsIgnoreCase" -> PolicyVariables.literal(policy).equalsIgnoreCase(request);
            case "StringLike" -> Wildcards.matches(policy, request, false);
            case "ArnEquals", "ArnLike" -> Wildcards.arnMatches(policy, request);
            case "Bool" -> policy.equalsIgnoreCase(request);
            case "BinaryEquals" -> policy.equals(request);
            case "IpAddress" -> inCidr(policy, request);
            default -> operator.startsWith("Numeric") ? compare(operator, number(policy), number(request))
                    : compare(operator, date(policy), date(request));
        };
    }

    private static <T extends Comparable<T>> boolean compare(String operator, T policy, T request) {
        if (policy == null || request == null) {
            return false;
        }
        int c = request.compareTo(policy);
        if (operator.endsWith("LessThanEquals")) {
            return c <= 0;
        }
        if (operator.endsWith("GreaterThanEquals")) {
            return c >= 0;
        }
        if (operator.endsWith("LessThan")) {
            return c < 0;
        }
        if (operator.endsWith("GreaterThan")) {
            return c > 0;
        }
        return c == 0;
    }

    private static BigDecimal number(String s) {
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Dates are ISO 8601 ({@code 2019-07-16T12:00:00Z}, also a bare date) or epoch seconds. */
    private static Instant date(String s) {
        String t = s.trim();
        try {
            if (t.matches("\\d+")) {
                return Instant.ofEpochSecond(Long.parseLong(t));
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return Instant.parse(t + "T00:00:00Z");
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    /** An address in a CIDR block (IPv4 or IPv6); a bare address is its own /32 or /128. */
    private static boolean inCidr(String cidr, String address) {
        try {
            int slash = cidr.indexOf('/');
            byte[] net = IpLiterals.parse(slash < 0 ? cidr : cidr.substring(0, slash));
            byte[] ip = IpLiterals.parse(address);
            if (net.length != ip.length) {
                return false;
            }
            int bits = slash < 0 ? net.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((net[i / 8] & mask) != (ip[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return false;
        }
    }
}
