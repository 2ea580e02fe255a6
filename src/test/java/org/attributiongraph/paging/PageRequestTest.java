package org.attributiongraph.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.attributiongraph.errors.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Cursors and page sizes, without booting the app. */
class PageRequestTest {

    @Test
    void aCursorLeadsBackToItsPosition() {
        PageRequest byId = PageRequest.of(5, PageRequest.cursorOf(42), 100);
        assertEquals(42, byId.afterId());
        assertNull(byId.afterSortKey());
        PageRequest byName = PageRequest.of(5, PageRequest.cursorOf(7, "mss: ministry"), 100);
        assertEquals(7, byName.afterId());
        assertEquals("mss: ministry", byName.afterSortKey());
        assertTrue(byName.hasAfter());
    }

    @Test
    void firstDefaultsTo20AndIsBoundedByMaxFirst() {
        PageRequest request = PageRequest.of(null, null, 100);
        assertEquals(PageRequest.DEFAULT_FIRST, request.first());
        assertEquals(21, request.probeSize());
        assertFalse(request.hasAfter());
        assertEquals(100, PageRequest.of(100, null, 100).first());
        assertThrows(InvalidInputException.class, () -> PageRequest.of(101, null, 100));
        assertThrows(InvalidInputException.class, () -> PageRequest.of(-1, null, 100));
    }

    @Test
    void aForeignCursorIsRefusedAsInput() {
        String otherService = Base64.getUrlEncoder().encodeToString("arrayconnection:3".getBytes(StandardCharsets.UTF_8));
        for (String foreign : new String[] { "not base64 %%", otherService, PageRequest.cursorOf(0), "" }) {
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> PageRequest.of(5, foreign, 100));
            assertTrue(refused.getMessage().startsWith("after is not a cursor this service issued"), refused.getMessage());
        }
    }
}
