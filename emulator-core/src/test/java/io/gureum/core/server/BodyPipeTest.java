package io.gureum.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The pipe owns the chunks it is offered: each is released once read, discarded or failed. */
class BodyPipeTest {
    private final EmbeddedChannel channel = new EmbeddedChannel();

    private static ByteBuf chunk(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    @Test
    void readChunksAreReleased() throws IOException {
        BodyPipe pipe = new BodyPipe(channel, -1);
        ByteBuf a = chunk("ab");
        pipe.offer(a);
        pipe.end();
        assertEquals("ab", new String(pipe.readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(0, a.refCnt());
    }

    @Test
    void aBrokenBodyReleasesWhatArrivedAndTheReaderGetsTheFailure() {
        BodyPipe pipe = new BodyPipe(channel, -1);
        ByteBuf a = chunk("ab");
        pipe.offer(a);
        pipe.fail(new IOException("connection closed"));
        assertEquals(0, a.refCnt(), "nobody may come to read a broken body");
        assertThrows(IOException.class, pipe::read);
    }

    @Test
    void discardingReleasesQueuedAndLaterChunksAndSaysWhetherTheBodyWasComplete() throws IOException {
        BodyPipe pipe = new BodyPipe(channel, -1);
        ByteBuf a = chunk("ab");
        pipe.offer(a);
        assertFalse(pipe.discardRest());
        assertEquals(0, a.refCnt());
        ByteBuf late = chunk("cd");
        pipe.offer(late);
        assertEquals(0, late.refCnt());
        assertThrows(IOException.class, pipe::read, "a reader left after the answer does not wait forever");
        pipe.end();
        assertTrue(pipe.discardRest());
    }

    @Test
    void aSmallKnownRestIsSwallowedSoTheConnectionCarriesOnAndALargeOneIsNot() {
        BodyPipe small = new BodyPipe(channel, 3 + BodyPipe.SWALLOW_LIMIT);
        small.offer(chunk("abc"));
        assertTrue(small.discardRest(), "the rest arrives and is thrown away; the connection stays usable");

        BodyPipe large = new BodyPipe(channel, 4 + BodyPipe.SWALLOW_LIMIT);
        large.offer(chunk("abc"));
        assertFalse(large.discardRest());

        BodyPipe chunked = new BodyPipe(channel, -1);
        chunked.offer(chunk("abc"));
        assertFalse(chunked.discardRest(), "an unknown rest may never end");
    }
}
