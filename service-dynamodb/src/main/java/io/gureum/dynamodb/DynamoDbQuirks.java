package io.gureum.dynamodb;

import io.gureum.core.protocol.JsonCodec;
import io.gureum.core.protocol.ProtocolCodec;
import io.gureum.core.spi.ProtocolQuirks;

/** DynamoDB's wire beyond awsJson 1.0: the CRC32 header of {@link Crc32Codec}. */
final class DynamoDbQuirks implements ProtocolQuirks {
    @Override
    public ProtocolCodec codec(ProtocolCodec standard) {
        return standard instanceof JsonCodec ? new Crc32Codec(standard) : standard;
    }
}
