package io.gureum.dynamodb.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.error.AwsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ExpressionTest {
    private static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }

    private static AttributeValue n(String v) {
        return AttributeValue.builder().n(v).build();
    }

    private static Map<String, AttributeValue> item() {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("id", s("a1"));
        m.put("count", n("5"));
        m.put("tags", AttributeValue.builder().ss("x", "y").build());
        m.put("info", AttributeValue.builder().m(Map.of("city", s("Seoul"), "zip", n("4566"))).build());
        m.put("lst", AttributeValue.builder().l(s("p"), s("q"), s("r")).build());
        return m;
    }

    private static boolean eval(String expr, Map<String, String> names, Map<String, AttributeValue> values) {
        ExpressionAttributes a = new ExpressionAttributes(names, values);
        boolean out = Evaluator.test(Parser.condition("ConditionExpression", expr, a), item());
        a.checkAllUsed();
        return out;
    }

    private static String error(Runnable r) {
        AwsException e = assertThrows(AwsException.class, r::run);
        assertEquals("ValidationException", e.code());
        return e.getMessage();
    }

    @Test
    void comparisonsAndLogic() {
        assertTrue(eval("id = :v", null, Map.of(":v", s("a1"))));
        assertTrue(eval("#c > :v AND NOT #c >= :w", Map.of("#c", "count"), Map.of(":v", n("4"), ":w", n("6"))));
        assertTrue(eval("#c BETWEEN :a AND :b", Map.of("#c", "count"), Map.of(":a", n("5"), ":b", n("5.0"))));
        assertTrue(eval("id IN (:a, :b)", null, Map.of(":a", s("zz"), ":b", s("a1"))));
        assertTrue(eval("absent <> :v OR id = :v", null, Map.of(":v", s("q"))));
        assertFalse(eval("id < :v", null, Map.of(":v", n("1"))));
        assertTrue(eval("(id = :a OR id = :b) AND info.city = :c", null,
                Map.of(":a", s("no"), ":b", s("a1"), ":c", s("Seoul"))));
        assertTrue(eval("lst[1] = :q", null, Map.of(":q", s("q"))));
    }

    @Test
    void functions() {
        assertTrue(eval("attribute_exists(info.zip) AND attribute_not_exists(info.nope)", null, null));
        assertTrue(eval("begins_with(id, :p)", null, Map.of(":p", s("a"))));
        assertTrue(eval("contains(tags, :t) AND contains(id, :s) AND contains(lst, :l)", null,
                Map.of(":t", s("y"), ":s", s("1"), ":l", s("r"))));
        assertTrue(eval("size(lst) = :three AND size(info) < :three", null, Map.of(":three", n("3"))));
        assertTrue(eval("attribute_type(tags, :ss)", null, Map.of(":ss", s("SS"))));
    }

    @Test
    void errorMessagesMatchDynamoDb() {
        assertEquals("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\"",
                error(() -> eval("id =", null, null)));
        assertEquals("Invalid ConditionExpression: Syntax error; token: \"=\", near: \"= = :v\"",
                error(() -> eval("id = = :v", null, Map.of(":v", s("x")))));
        assertEquals("Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: name",
                error(() -> eval("name = :v", null, Map.of(":v", s("x")))));
        assertEquals("Invalid ConditionExpression: An expression attribute name used in the document path is not defined;"
                + " attribute name: #x", error(() -> eval("#x = :v", null, Map.of(":v", s("x")))));
        assertEquals("Invalid ConditionExpression: An expression attribute value used in expression is not defined;"
                + " attribute value: :v", error(() -> eval("id = :v", null, Map.of(":w", s("x")))));
        assertEquals("Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}",
                error(() -> eval("id = :v", null, new LinkedHashMap<>(Map.of(":v", s("x"), ":w", s("y"))))));
        assertEquals("Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}",
                error(() -> eval("id = :v", Map.of("#n", "x"), Map.of(":v", s("x")))));
        assertEquals("Invalid ConditionExpression: Invalid function name; function: nope",
                error(() -> eval("nope(id)", null, null)));
        assertEquals("Invalid ConditionExpression: The expression can not be empty;", error(() -> eval(" ", null, null)));
        assertEquals("Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function:"
                + " begins_with, operand type: N", error(() -> eval("begins_with(id, :n)", null, Map.of(":n", n("1")))));
    }

    private static Map<String, AttributeValue> update(String expr, Map<String, AttributeValue> values) {
        ExpressionAttributes a = new ExpressionAttributes(values.containsKey(":one") ? Map.of("#c", "count") : Map.of(), values);
        return Updater.apply(Parser.update(expr, a), item());
    }

    @Test
    void updateExpressions() {
        Map<String, AttributeValue> out = update("SET #c = #c + :one, info.city = :c, newl = list_append(lst, :l),"
                + " d = if_not_exists(d, :one) REMOVE lst[0] ADD tags :t DELETE nothing :t",
                Map.of(":one", n("1"), ":c", s("Busan"), ":l", AttributeValue.builder().l(s("z")).build(),
                        ":t", AttributeValue.builder().ss("z").build()));
        assertEquals("6", out.get("count").n());
        assertEquals("Busan", out.get("info").m().get("city").s());
        assertEquals(4, out.get("newl").l().size());
        assertEquals(List.of(s("q"), s("r")), out.get("lst").l());
        assertEquals("1", out.get("d").n());
        assertEquals(3, out.get("tags").ss().size());
    }

    @Test
    void updateErrors() {
        assertEquals("Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of"
                + " these paths; path one: [a], path two: [a, b]",
                error(() -> update("SET a = :v, a.b = :v", Map.of(":v", n("1")))));
        assertEquals("The document path provided in the update expression is invalid for update",
                error(() -> update("SET nope.x = :v", Map.of(":v", n("1")))));
        assertEquals("An operand in the update expression has an incorrect data type",
                error(() -> update("SET id = id + :v", Map.of(":v", n("1")))));
        assertEquals("The provided expression refers to an attribute that does not exist in the item",
                error(() -> update("SET x = nope + :v", Map.of(":v", n("1")))));
        assertEquals("Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;",
                error(() -> update("SET a = :v SET b = :v", Map.of(":v", n("1")))));
        assertEquals("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING",
                error(() -> update("ADD a :v", Map.of(":v", s("1")))));
    }

    @Test
    void projectionKeepsNestedShape() {
        List<Path> paths = Parser.projection("info.city, lst[2], id", ExpressionAttributes.empty());
        Map<String, AttributeValue> p = Updater.project(item(), paths);
        assertEquals(Map.of("city", s("Seoul")), p.get("info").m());
        assertEquals(List.of(s("r")), p.get("lst").l());
        assertEquals(3, p.size());
    }

    @Test
    void numbersFollowDynamoDbRules() {
        assertEquals("1.5", Values.normalize(n("01.50")).n());
        assertEquals("Attempting to store more than 38 significant digits in a Number",
                error(() -> Values.normalize(n("1.23456789012345678901234567890123456789"))));
        assertEquals("Number overflow. Attempting to store a number with magnitude larger than supported range",
                error(() -> Values.normalize(n("1E126"))));
        assertEquals("Number underflow. Attempting to store a number with magnitude smaller than supported range",
                error(() -> Values.normalize(n("1E-131"))));
        assertEquals("100000000000000000000000000000000000000", Values.normalize(n("1E38")).n());
    }
}
