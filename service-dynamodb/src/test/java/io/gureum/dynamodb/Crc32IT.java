package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.Gureum;
import io.gureum.core.testing.Reply;
import io.gureum.core.testing.Requests;
import io.gureum.junit5.GureumExtension;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DynamoDB and DynamoDB Streams sign every body, answers and errors alike, with {@code x-amz-crc32}
 * ({@link DynamoDbQuirks}); the SDKs and botocore verify it.
 */
class Crc32IT {
    @RegisterExtension
    static final GureumExtension server = GureumExtension.builder().build();
    static Gureum gureum;

    @BeforeAll
    static void start() {
        gureum = server.gureum();
    }

    private static void assertCrc(Reply r) {
        CRC32 crc = new CRC32();
        crc.update(r.body());
        assertEquals(Long.toString(crc.getValue()), r.header("x-amz-crc32"), r::toString);
    }

    @Test
    void answersCarryTheCrcOfTheirBody() throws Exception {
        Reply r = Requests.send(gureum.endpoint(), Requests.json("dynamodb", "DynamoDB_20120810.ListTables", "{}"));
        assertEquals(200, r.status(), r::toString);
        assertCrc(r);
    }

    @Test
    void errorsToo() throws Exception {
        Reply r = Requests.send(gureum.endpoint(), Requests.json("dynamodb", "DynamoDB_20120810.DescribeTable",
                "{\"TableName\":\"no-such-table-crc\"}"));
        assertEquals(400, r.status(), r::toString);
        assertCrc(r);
    }

    @Test
    void streamsAnswersToo() throws Exception {
        Reply r = Requests.send(gureum.endpoint(), Requests.json("dynamodb", "DynamoDBStreams_20120810.ListStreams",
                "{}"));
        assertEquals(200, r.status(), r::toString);
        assertCrc(r);
    }
}
