package io.gureum.iam.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The condition operators, case by case, mostly from the examples of "IAM JSON policy elements: Condition
 * operators" and "Single-valued vs. multivalued context keys" in the IAM User Guide.
 */
class ConditionOperatorsTest {
    private static ContextKeys context() {
        return new ContextKeys()
                .put("aws:PrincipalTag/job-category", "iamuser-admin")
                .put("aws:username", "johndoe")
                .put("sts:ExternalId", "Example987")
                .put("aws:MultiFactorAuthPresent", "true")
                .put("aws:MultiFactorAuthAge", "1800")
                .put("aws:CurrentTime", "2020-04-01T12:00:00Z")
                .put("aws:EpochTime", "1585742400")
                .put("aws:SourceIp", "203.0.113.7")
                .put("aws:PrincipalArn", "arn:aws:iam::111122223333:role/team/Admin")
                .putAll("aws:TagKeys", List.of("environment", "cost-center"))
                .putAll("sts:TransitiveTagKeys", List.of());
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // String operators: StringEquals is case-sensitive, StringEqualsIgnoreCase is not.
                Arguments.of("StringEquals", "aws:PrincipalTag/job-category", List.of("iamuser-admin"), true),
                Arguments.of("StringEquals", "AWS:principaltag/JOB-CATEGORY", List.of("iamuser-admin"), true),
                Arguments.of("StringEquals", "aws:PrincipalTag/job-category", List.of("IAMUSER-ADMIN"), false),
                Arguments.of("StringEqualsIgnoreCase", "aws:PrincipalTag/job-category", List.of("IAMUSER-ADMIN"), true),
                Arguments.of("StringNotEquals", "aws:PrincipalTag/job-category", List.of("other"), true),
                Arguments.of("StringNotEquals", "aws:PrincipalTag/job-category", List.of("iamuser-admin"), false),
                Arguments.of("StringEquals", "sts:ExternalId", List.of("Wrong", "Example987"), true),
                Arguments.of("StringLike", "aws:username", List.of("john*"), true),
                Arguments.of("StringLike", "aws:username", List.of("j?hndoe"), true),
                Arguments.of("StringLike", "aws:username", List.of("jane*"), false),
                Arguments.of("StringNotLike", "aws:username", List.of("jane*"), true),
                // Policy variables in values.
                Arguments.of("StringEquals", "aws:username", List.of("${aws:username}"), true),
                Arguments.of("StringLike", "aws:PrincipalArn", List.of("arn:aws:iam::*:role/${aws:username}"), false),
                Arguments.of("StringEquals", "aws:username", List.of("${aws:missing, 'johndoe'}"), true),
                // A key the request lacks: positive operators fail, negated ones and IfExists pass.
                Arguments.of("StringEquals", "sts:RoleSessionName", List.of("x"), false),
                Arguments.of("StringNotEquals", "sts:RoleSessionName", List.of("x"), true),
                Arguments.of("StringEqualsIfExists", "sts:RoleSessionName", List.of("x"), true),
                Arguments.of("StringEqualsIfExists", "sts:ExternalId", List.of("x"), false),
                Arguments.of("BoolIfExists", "aws:MissingKey", List.of("true"), true),
                // Numeric and date comparisons.
                Arguments.of("NumericLessThan", "aws:MultiFactorAuthAge", List.of("3600"), true),
                Arguments.of("NumericLessThan", "aws:MultiFactorAuthAge", List.of("1800"), false),
                Arguments.of("NumericLessThanEquals", "aws:MultiFactorAuthAge", List.of("1800"), true),
                Arguments.of("NumericGreaterThan", "aws:MultiFactorAuthAge", List.of("60"), true),
                Arguments.of("NumericEquals", "aws:MultiFactorAuthAge", List.of("1800.0"), true),
                Arguments.of("NumericNotEquals", "aws:MultiFactorAuthAge", List.of("10"), true),
                Arguments.of("NumericLessThan", "aws:username", List.of("10"), false),
                Arguments.of("DateGreaterThan", "aws:CurrentTime", List.of("2020-01-01T00:00:01Z"), true),
                Arguments.of("DateLessThan", "aws:CurrentTime", List.of("2020-01-01T00:00:01Z"), false),
                Arguments.of("DateLessThan", "aws:CurrentTime", List.of("2021-01-01"), true),
                Arguments.of("DateEquals", "aws:EpochTime", List.of("2020-04-01T12:00:00Z"), true),
                // Bool compares the text, case-insensitively.
                Arguments.of("Bool", "aws:MultiFactorAuthPresent", List.of("true"), true),
                Arguments.of("Bool", "aws:MultiFactorAuthPresent", List.of("false"), false),
                Arguments.of("Bool", "aws:SecureTransport", List.of("true"), false),
                // IP addresses.
                Arguments.of("IpAddress", "aws:SourceIp", List.of("203.0.113.0/24"), true),
                Arguments.of("IpAddress", "aws:SourceIp", List.of("198.51.100.0/24"), false),
                Arguments.of("NotIpAddress", "aws:SourceIp", List.of("198.51.100.0/24"), true),
                Arguments.of("IpAddress", "aws:SourceIp", List.of("203.0.113.7"), true),
                // ARNs: part by part; ArnEquals takes wildcards like ArnLike; a wildcard does not cross a colon.
                Arguments.of("ArnLike", "aws:PrincipalArn", List.of("arn:aws:iam::111122223333:role/*"), true),
                Arguments.of("ArnEquals", "aws:PrincipalArn", List.of("arn:aws:iam::*:role/team/Admin"), true),
                Arguments.of("ArnLike", "aws:PrincipalArn", List.of("arn:aws:iam::*"), false),
                Arguments.of("ArnNotLike", "aws:PrincipalArn", List.of("arn:aws:iam::444455556666:*"), true),
                // Null: true means "the key is absent".
                Arguments.of("Null", "sts:ExternalId", List.of("false"), true),
                Arguments.of("Null", "sts:ExternalId", List.of("true"), false),
                Arguments.of("Null", "sts:SourceIdentity", List.of("true"), true),
                // Multivalued keys and the set operators.
                Arguments.of("ForAllValues:StringEquals", "aws:TagKeys", List.of("environment", "cost-center", "x"), true),
                Arguments.of("ForAllValues:StringEquals", "aws:TagKeys", List.of("environment"), false),
                Arguments.of("ForAnyValue:StringEquals", "aws:TagKeys", List.of("environment"), true),
                Arguments.of("ForAnyValue:StringEquals", "aws:TagKeys", List.of("owner"), false),
                Arguments.of("ForAllValues:StringEquals", "aws:MissingKey", List.of("a"), true),
                Arguments.of("ForAnyValue:StringEquals", "aws:MissingKey", List.of("a"), false),
                Arguments.of("ForAllValues:StringEquals", "sts:TransitiveTagKeys", List.of("a"), true),
                Arguments.of("ForAllValues:StringNotEquals", "aws:TagKeys", List.of("owner"), true),
                Arguments.of("ForAnyValue:StringNotEquals", "aws:TagKeys", List.of("environment", "cost-center"), false),
                // An operator IAM does not know matches nothing.
                Arguments.of("StringSortOf", "aws:username", List.of("johndoe"), false));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("cases")
    void operator(String operator, String key, List<String> values, boolean expected) {
        assertEquals(expected, new Condition(operator, key, values).test(context()));
    }
}
