package io.gureum.lambda.runtime.javaboot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonBinderTest {
    public enum Color { RED, GREEN }

    public static class Line {
        public String sku;
        public int qty;
    }

    public static class Order {
        private String name;
        private List<Line> lines;
        private Map<String, Line> byKey;
        private String URL;
        public Color color;
        public long total;

        public void setName(String name) {
            this.name = name;
        }

        public void setLines(List<Line> lines) {
            this.lines = lines;
        }

        public void setByKey(Map<String, Line> byKey) {
            this.byKey = byKey;
        }

        public void setURL(String url) {
            this.URL = url;
        }
    }

    public record Point(int x, Integer y, List<String> tags) {
    }

    public List<Set<Long>> genericHolder;

    private static Object bind(String json, Type type) {
        return JsonBinder.bind(Json.parse(json), type);
    }

    @Test
    void bindsNestedPojosThroughSettersAndPublicFields() {
        Order order = (Order) bind("{\"name\":\"n\",\"Name\":\"case-sensitive\",\"unknown\":{\"x\":1},"
                + "\"lines\":[{\"sku\":\"a\",\"qty\":2}],\"byKey\":{\"k\":{\"sku\":\"b\",\"qty\":\"3\"}},"
                + "\"URL\":\"u\",\"color\":\"PURPLE\",\"total\":12}", Order.class);
        assertEquals("n", order.name);
        assertEquals("a", order.lines.get(0).sku);
        assertEquals(2, order.lines.get(0).qty);
        assertEquals(3, order.byKey.get("k").qty);
        assertEquals("u", order.URL);
        assertNull(order.color, "unknown enum constants read as null");
        assertEquals(12L, order.total);
    }

    @Test
    void leniencyOfLambdasSerializer() throws Exception {
        assertEquals(List.of("solo"), bind("\"solo\"", List.class), "a single value where an array is expected");
        assertNull(bind("\"\"", Order.class), "an empty string reads as null");
        assertEquals(0, bind("null", int.class));
        assertEquals(5, bind("\"5\"", Integer.class));
        assertEquals("12", bind("12", String.class));
        assertEquals(Color.GREEN, bind("\"GREEN\"", Color.class));
        assertArrayEquals(new int[] {1, 2}, (int[]) bind("[1,2]", int[].class));
    }

    @Test
    void bindsGenericsAndRecords() throws Exception {
        Type type = JsonBinderTest.class.getField("genericHolder").getGenericType();
        assertEquals(List.of(Set.of(1L, 2L), Set.of()), bind("[[1,2,2],[]]", type));
        assertEquals(new Point(1, null, List.of("a")), bind("{\"x\":1,\"tags\":[\"a\"]}", Point.class));
    }

    @Test
    void refusesValuesOfTheWrongShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bind("{\"a\":1}", Integer.class));
        assertEquals("Cannot deserialize value of type `java.lang.Integer` from START_OBJECT token", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> bind("[1]", String.class));
        assertThrows(IllegalArgumentException.class, () -> bind("\"x1\"", int.class));
        assertThrows(IllegalArgumentException.class, () -> bind("1", Order.class));
    }

    @Test
    void theEventClassesBindTheJsonNamesLambdaSendsThemWhatEverTheirCase() {
        SNSEvent event = (SNSEvent) bind("{\"Records\":[{\"EventSource\":\"aws:sns\",\"Sns\":"
                + "{\"Message\":\"hello\",\"TopicArn\":\"arn:aws:sns:us-east-1:000000000000:t\"}}]}", SNSEvent.class);
        assertEquals("aws:sns", event.getRecords().get(0).getEventSource());
        assertEquals("hello", event.getRecords().get(0).getSNS().getMessage());
        assertEquals("arn:aws:sns:us-east-1:000000000000:t", event.getRecords().get(0).getSNS().getTopicArn());
        Order own = (Order) bind("{\"Name\":\"x\"}", Order.class);
        assertNull(own.name, "the function's own classes stay case-sensitive");
    }

    public static class Stamp {
        final String text;

        public Stamp(String text) {
            this.text = text;
        }
    }

    @Test
    void aValueTypeIsBuiltFromItsTextByItsStringConstructor() {
        assertEquals("2026-11-26T00:00:00Z", ((Stamp) bind("\"2026-11-26T00:00:00Z\"", Stamp.class)).text);
    }
}
