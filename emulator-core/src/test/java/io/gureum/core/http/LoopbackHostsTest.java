package io.gureum.core.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoopbackHostsTest {
    @Test
    void loopbackLiteralsAndLocalhostNamesAre() {
        for (String url : new String[] {"http://127.0.0.1:8080/hook", "https://127.1.2.3/x", "http://[::1]:9000/",
                "http://localhost/", "https://LOCALHOST:443/", "http://api.localhost/", "http://localhost./"}) {
            assertTrue(LoopbackHosts.isLoopback(url), url);
        }
    }

    @Test
    void everythingElseIsNotAndNeedsNoLookup() {
        for (String url : new String[] {"https://api.example.com/", "http://10.0.0.1/", "http://[2001:db8::1]/",
                "http://127.0.0.1.example.com/", "http://localhost.example.com/", "http://0.0.0.0/",
                "http://256.0.0.1/", "not a url", "mailto:a@b.c", "http:///path"}) {
            assertFalse(LoopbackHosts.isLoopback(url), url);
        }
    }
}
