import type { Migration } from './migration';

export const migration1: Migration = {
  version: 1,
  name: 'customer data',
  sql: `
CREATE TABLE users (
  id text PRIMARY KEY,
  name text NOT NULL,
  gender text NOT NULL CHECK (gender IN ('male','female')),
  id_number text NOT NULL UNIQUE,
  province text NOT NULL,
  city text NOT NULL,
  district text NOT NULL,
  address_detail text NOT NULL,
  level text NOT NULL,
  registered_at timestamptz NOT NULL
);
CREATE INDEX users_id_suffix ON users (right(id_number, 4));

CREATE TABLE user_phones (
  phone text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id),
  is_primary boolean NOT NULL,
  added_at timestamptz NOT NULL
);
CREATE INDEX user_phones_user ON user_phones (user_id);

CREATE TABLE orders (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id),
  status text NOT NULL,
  total_fen integer NOT NULL,
  created_at timestamptz NOT NULL,
  paid_at timestamptz,
  payment_method text,
  shipped_at timestamptz,
  delivered_at timestamptz,
  receiver_name text NOT NULL,
  receiver_phone text NOT NULL,
  receiver_address text NOT NULL,
  logistics_company text,
  tracking_no text
);
CREATE INDEX orders_user ON orders (user_id, created_at DESC);

CREATE TABLE order_items (
  order_id text NOT NULL REFERENCES orders(id),
  line integer NOT NULL,
  sku text NOT NULL,
  brand text NOT NULL,
  name text NOT NULL,
  category text NOT NULL,
  size text NOT NULL,
  color text NOT NULL,
  price_fen integer NOT NULL,
  quantity integer NOT NULL,
  PRIMARY KEY (order_id, line)
);

CREATE TABLE logistics_events (
  order_id text NOT NULL REFERENCES orders(id),
  seq integer NOT NULL,
  at timestamptz NOT NULL,
  status text NOT NULL,
  location text NOT NULL,
  description text NOT NULL,
  PRIMARY KEY (order_id, seq)
);

CREATE SEQUENCE ticket_seq;
CREATE TABLE tickets (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id),
  order_id text,
  call_id text,
  recording_ref text,
  category text NOT NULL,
  title text NOT NULL,
  description text NOT NULL,
  status text NOT NULL,
  priority text NOT NULL,
  assignee_agent_id text,
  created_by_agent_id text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX tickets_user ON tickets (user_id, created_at DESC);
CREATE INDEX tickets_assignee ON tickets (assignee_agent_id, status);

CREATE TABLE ticket_history (
  id serial PRIMARY KEY,
  ticket_id text NOT NULL REFERENCES tickets(id),
  at timestamptz NOT NULL,
  actor_agent_id text,
  action text NOT NULL,
  from_status text,
  to_status text,
  note text
);
CREATE INDEX ticket_history_ticket ON ticket_history (ticket_id, id);

CREATE TABLE ticket_comments (
  id serial PRIMARY KEY,
  ticket_id text NOT NULL REFERENCES tickets(id),
  at timestamptz NOT NULL,
  author_agent_id text NOT NULL,
  body text NOT NULL
);
CREATE INDEX ticket_comments_ticket ON ticket_comments (ticket_id, id);

CREATE TABLE consignments (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id),
  brand text NOT NULL,
  product_name text NOT NULL,
  size text NOT NULL,
  status text NOT NULL,
  listed_price_fen integer,
  sold_price_fen integer,
  fee_fen integer,
  payout_fen integer,
  payout_account text NOT NULL,
  created_at timestamptz NOT NULL,
  sold_at timestamptz,
  paid_out_at timestamptz
);
CREATE INDEX consignments_user ON consignments (user_id, created_at DESC);

CREATE TABLE credit_lines (
  user_id text PRIMARY KEY REFERENCES users(id),
  limit_fen integer NOT NULL,
  frozen_reason text
);

CREATE TABLE loans (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id),
  product text NOT NULL,
  principal_fen integer NOT NULL,
  term_months integer NOT NULL,
  annual_rate_bp integer NOT NULL,
  disbursed_at timestamptz NOT NULL
);
CREATE INDEX loans_user ON loans (user_id, disbursed_at DESC);

CREATE TABLE installments (
  loan_id text NOT NULL REFERENCES loans(id),
  seq integer NOT NULL,
  due_date date NOT NULL,
  principal_fen integer NOT NULL,
  interest_fen integer NOT NULL,
  paid_fen integer NOT NULL,
  paid_at timestamptz,
  PRIMARY KEY (loan_id, seq)
);

CREATE TABLE im_sessions (
  id text PRIMARY KEY,
  user_id text REFERENCES users(id),
  phone text,
  agent_id text,
  started_at timestamptz NOT NULL,
  topic text NOT NULL,
  summary text NOT NULL
);
CREATE INDEX im_sessions_user ON im_sessions (user_id, started_at DESC);
CREATE INDEX im_sessions_phone ON im_sessions (phone, started_at DESC);

CREATE TABLE call_records (
  call_id text PRIMARY KEY,
  agent_id text,
  direction text NOT NULL,
  number text NOT NULL,
  province text,
  city text,
  skill_group text,
  key_track text,
  verification_status text NOT NULL,
  verification_method text,
  user_id text,
  connected_at timestamptz,
  ended_at timestamptz,
  transfers jsonb NOT NULL DEFAULT '[]'::jsonb,
  rating integer,
  end_reason text,
  note text NOT NULL DEFAULT '',
  note_updated_at timestamptz,
  deleted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX call_records_agent ON call_records (agent_id, created_at DESC);
CREATE INDEX call_records_user ON call_records (user_id);
CREATE INDEX call_records_number ON call_records (number);

CREATE TABLE audit_log (
  id serial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  agent_id text NOT NULL,
  user_id text,
  call_id text,
  ticket_id text,
  action text NOT NULL,
  masked boolean NOT NULL,
  via text,
  detail text
);
CREATE INDEX audit_log_user ON audit_log (user_id, at DESC);

CREATE TABLE seed_info (
  id integer PRIMARY KEY CHECK (id = 1),
  seed integer NOT NULL,
  users integer NOT NULL,
  anchor timestamptz NOT NULL,
  seeded_at timestamptz NOT NULL DEFAULT now()
);
`,
};
