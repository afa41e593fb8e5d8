package io.gureum.lambda.runtime.javaboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void parsesEveryKindOfValueWithJacksonsUntypedNumberTypes() {
        Object value = Json.parse(" {\"s\":\"a\\\"b\\\\c\\n\\u00e9\\/\",\"i\":7,\"l\":8000000000,\"big\":123456789012345678901,"
                + "\"d\":-1.5e2,\"t\":true,\"f\":false,\"n\":null,\"a\":[1,[],{}]} ");
        Map<?, ?> map = (Map<?, ?>) value;
        assertEquals("a\"b\\c\né/", map.get("s"));
        assertEquals(7, map.get("i"));
        assertEquals(8_000_000_000L, map.get("l"));
        assertEquals(new BigInteger("123456789012345678901"), map.get("big"));
        assertEquals(-150.0, map.get("d"));
        assertEquals(true, map.get("t"));
        assertEquals(false, map.get("f"));
        assertTrue(map.containsKey("n") && map.get("n") == null);
        assertEquals(List.of(1, List.of(), Map.of()), map.get("a"));
    }

    @Test
    void rejectsWhatIsNotOneJsonValue() {
        for (String bad : List.of("", "{", "[1,]", "{\"a\" 1}", "tru", "\"open", "1 2", "{a:1}", "\"\\u12\"")) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
        }
    }

    @Test
    void writesEscapedCompactJson() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("s", "q\"\\\n\t\u0001é");
        map.put("n", null);
        map.put("list", Arrays.asList(1, 2.5, null, true));
        map.put("nan", Double.NaN);
        assertEquals("{\"s\":\"q\\\"\\\\\\n\\t\\u0001é\",\"n\":null,\"list\":[1,2.5,null,true],\"nan\":\"NaN\"}",
                Json.write(map));
        assertEquals(map.get("s"), ((Map<?, ?>) Json.parse(Json.write(map))).get("s"));
    }
}
