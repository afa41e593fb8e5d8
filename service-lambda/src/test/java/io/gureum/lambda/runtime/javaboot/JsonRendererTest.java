package io.gureum.lambda.runtime.javaboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonRendererTest {
    public static class Base {
        private String id = "b-1";

        public String getId() {
            return id;
        }
    }

    public static class Item extends Base {
        private String name = "pen";
        private String absent;
        private boolean active = true;
        private String URL = "https://example.com";
        public int count = 2;

        public String getName() {
            return name;
        }

        public String getAbsent() {
            return absent;
        }

        public boolean isActive() {
            return active;
        }

        public String getURL() {
            return URL;
        }
    }

    public record Pair(String left, Optional<String> right) {
    }

    private static String render(Object value) {
        return Json.write(JsonRenderer.render(value));
    }

    @Test
    void beansWritePropertiesInFieldOrderAndLeaveNullsOut() {
        assertEquals("{\"id\":\"b-1\",\"name\":\"pen\",\"active\":true,\"URL\":\"https://example.com\",\"count\":2}",
                render(new Item()));
    }

    @Test
    // An empty Optional is not null to Jackson's NON_NULL inclusion (only NON_ABSENT leaves it out).
    void mapsKeepNullsAndOtherTypesAsLambdaWritesThem() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("n", null);
        map.put("bytes", new byte[] {1, 2, 3});
        map.put("date", new Date(1_000));
        map.put("pair", new Pair("l", Optional.empty()));
        map.put("array", new String[] {"a"});
        assertEquals("{\"n\":null,\"bytes\":\"AQID\",\"date\":1000,\"pair\":{\"left\":\"l\",\"right\":null},\"array\":[\"a\"]}",
                render(map));
        assertEquals("null", render(null));
        assertEquals("\"x\"", render("x"));
    }

    @Test
    void aCycleIsAnError() {
        List<Object> list = new ArrayList<>();
        list.add(list);
        assertThrows(IllegalArgumentException.class, () -> render(list));
    }
}
