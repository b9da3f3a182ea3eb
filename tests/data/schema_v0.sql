-- A database made by the schema before numbered migrations (user_version 0): the
-- CREATE statements of bot/push/store.py and bot/sources/store.py as they were, with rows.
-- tests/test_migrations.py opens it with today's code and checks nothing is lost.
CREATE TABLE chats (
    chat_id INTEGER PRIMARY KEY,
    timezone TEXT NOT NULL
);
INSERT INTO "chats" VALUES(-1002,'Europe/Berlin');
INSERT INTO "chats" VALUES(101,'Asia/Shanghai');
INSERT INTO "chats" VALUES(303,'UTC');
CREATE TABLE deliveries (
    sub_id INTEGER NOT NULL,
    slot TEXT NOT NULL,
    chat_id INTEGER NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    updated TEXT NOT NULL,
    next_due TEXT,
    report TEXT,
    position INTEGER,
    PRIMARY KEY (sub_id, slot)
);
INSERT INTO "deliveries" VALUES(1,'2026-11-30T00:00:00Z',101,'sent',1,NULL,'2026-11-30T00:00:01Z','2026-12-01T00:00:00Z','digest-aaa',2);
INSERT INTO "deliveries" VALUES(1,'report:digest-ccc',101,'pending',0,NULL,'2026-11-30T00:00:02Z',NULL,NULL,NULL);
INSERT INTO "deliveries" VALUES(2,'2026-11-27T17:30:00Z',-1002,'failed',3,'Timed out','2026-11-27T17:31:00Z','2026-12-01T17:30:00Z','',0);
INSERT INTO "deliveries" VALUES(3,'report:digest-aaa',505,'known',0,NULL,'2026-11-03T10:00:00Z',NULL,NULL,NULL);
CREATE TABLE report_choices (
    chat_id INTEGER PRIMARY KEY,
    digest TEXT NOT NULL
);
INSERT INTO "report_choices" VALUES(101,'digest-aaa');
INSERT INTO "report_choices" VALUES(404,'digest-bbb');
CREATE TABLE source_digests (
    digest TEXT PRIMARY KEY,   -- every version ever read, so a stale copy is never new
    report_id INTEGER NOT NULL REFERENCES source_reports (id)
);
INSERT INTO "source_digests" VALUES('digest-ccc',1);
CREATE TABLE source_report_urls (
    url TEXT PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES source_reports (id)
);
INSERT INTO "source_report_urls" VALUES('http://127.0.0.1/art/a1.html',1);
CREATE TABLE source_reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    digest TEXT NOT NULL,      -- content digest of the current version
    url TEXT NOT NULL,         -- where it was first found
    source TEXT NOT NULL,
    title TEXT NOT NULL,
    path TEXT,                 -- its file in reports_dir
    first_fetched REAL NOT NULL,
    updated REAL NOT NULL
);
INSERT INTO "source_reports" VALUES(1,'digest-ccc','http://127.0.0.1/art/a1.html','city','关于2025年度法治政府建设工作的报告','reports/a1.txt',1764460800.0,1764460800.0);
CREATE TABLE source_status (
    name TEXT PRIMARY KEY,
    last_success REAL,
    last_error TEXT,
    last_error_at REAL
);
INSERT INTO "source_status" VALUES('city',1764460800.0,'HTTP 500',1764464400.0);
CREATE TABLE source_urls (
    url TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    listing INTEGER NOT NULL DEFAULT 0,  -- a feed or index page, not a document
    etag TEXT,
    last_modified TEXT,
    body_digest TEXT,          -- sha256 of the bytes last read: unchanged bytes are not reparsed
    succeeded REAL,            -- last 200 or 304 (epoch seconds)
    error TEXT,                -- last fault, one line; NULL once fetched again
    failures INTEGER NOT NULL DEFAULT 0,  -- in a row; sets the backoff
    retry_at REAL NOT NULL DEFAULT 0
);
INSERT INTO "source_urls" VALUES('http://127.0.0.1/list.html','city',1,'"e1"',NULL,'b1',1764460800.0,NULL,0,0.0);
INSERT INTO "source_urls" VALUES('http://127.0.0.1/art/a1.html','city',0,NULL,'Mon, 30 Nov 2026 00:00:00 GMT','b2',1764460800.0,NULL,0,0.0);
INSERT INTO "source_urls" VALUES('http://127.0.0.1/art/bad.html','city',0,NULL,NULL,NULL,NULL,'HTTP 500',2,1764464400.0);
CREATE TABLE subscriptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id INTEGER NOT NULL,
    thread_id INTEGER NOT NULL DEFAULT 0,
    at TEXT NOT NULL,
    frequency TEXT NOT NULL,
    timezone TEXT NOT NULL,
    next_due TEXT NOT NULL,
    hurry INTEGER NOT NULL DEFAULT 0,
    report TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL,
    UNIQUE (chat_id, thread_id)
);
INSERT INTO "subscriptions" VALUES(1,101,0,'08:00','daily','Asia/Shanghai','2026-12-01T00:00:00Z',0,'digest-aaa',2,'2026-11-01T10:00:00Z');
INSERT INTO "subscriptions" VALUES(2,-1002,7,'18:30','weekdays','Europe/Berlin','2026-12-01T17:30:00Z',1,'',0,'2026-11-02T10:00:00Z');
INSERT INTO "subscriptions" VALUES(3,505,0,'09:15','weekly','Asia/Shanghai','2026-12-07T01:15:00Z',0,'digest-bbb',5,'2026-11-03T10:00:00Z');
CREATE INDEX subscriptions_due ON subscriptions (next_due);
CREATE INDEX deliveries_state ON deliveries (state);
CREATE INDEX deliveries_updated ON deliveries (updated);
CREATE TRIGGER delivery_advances AFTER UPDATE OF state ON deliveries
WHEN NEW.state IN ('sent', 'failed') AND NEW.next_due IS NOT NULL
BEGIN
    UPDATE subscriptions SET next_due = NEW.next_due, hurry = 0, report = NEW.report,
        position = NEW.position
    WHERE id = NEW.sub_id AND next_due = NEW.slot;
END;
CREATE TRIGGER delivery_blocked AFTER UPDATE OF state ON deliveries
WHEN NEW.state = 'blocked'
BEGIN
    DELETE FROM subscriptions WHERE id = NEW.sub_id;
END;
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('subscriptions',3);
INSERT INTO "sqlite_sequence" VALUES('source_reports',1);
