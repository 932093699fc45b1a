// The interactive IVR: a call walks its hotline's menu tree (ivr-book.ts) one key at a time. The engine plays
// each node's prompt, takes keys (menus) or digit strings ended by `#` (verification, order numbers), checks
// identities and answers self-service questions through the directory (the api), and leaves the IVR into a
// skill group's queue — or ends the call resolved in self-service. 0 reaches an agent from any menu; an
// invalid key repeats the menu, at most `maxRepeats` times, then an agent.
import type { CallerMessage, InternalSelfServiceResponse, IvrNode, IvrPrompt, IvrSelfService, IvrSessionView, IvrTree, MemberLevel, VerificationMethod } from '@octopus/contracts';
import { errorSummary } from '../log';
import { hotlineOf, treeOf } from './ivr-book';
import { endCall } from './lifecycle';
import type { Call, IvrSession } from './model';
import { enqueue } from './routing';
import type { EngineState } from './state';

const msg = (zh: string, en: string): CallerMessage => ({ 'zh-CN': zh, 'en-US': en });

/** What the IVR says outside the tree's own prompts. */
export const IVR_NOTICES = {
  toAgent: msg('正在为您转接人工服务，请稍候。', 'Transferring you to an agent, please hold.'),
  verifyFirst: msg('请先验证身份：请输入您的注册手机号或身份证号后四位，以#号键结束。', 'Please verify first: key your registered phone or the last 4 characters of your ID number, then #.'),
  idSuffix: msg('请输入该账户身份证号后四位，以#号键结束。', 'Key the last 4 characters of that account’s ID number, then #.'),
  verifyFailed: msg('验证未通过。', 'Verification failed.'),
  verified: msg('验证成功。', 'You are verified.'),
  afterAnswer: msg('重新查询请按1，返回主菜单请按*，结束请按9，人工服务请按0。', 'To ask again press 1, for the main menu press *, to finish press 9, for an agent press 0.'),
  goodbye: msg('感谢您的来电，再见。', 'Thank you for calling. Goodbye.'),
  unavailable: msg('暂时无法查询。', 'We cannot look that up right now.'),
} as const;

const ORDER_STATUS: Record<string, [string, string]> = {
  pending_payment: ['待付款', 'awaiting payment'],
  paid: ['已付款', 'paid'],
  authenticating: ['鉴定中', 'being authenticated'],
  shipped: ['已发货', 'shipped'],
  delivered: ['已签收', 'delivered'],
  completed: ['已完成', 'completed'],
  cancelled: ['已取消', 'cancelled'],
  refunding: ['退款中', 'being refunded'],
  refunded: ['已退款', 'refunded'],
};
const CONSIGNMENT_STATUS: Record<string, [string, string]> = {
  pending_inspection: ['待查验', 'awaiting inspection'],
  inspecting: ['查验中', 'being inspected'],
  listed: ['已上架', 'listed'],
  sold: ['已售出', 'sold'],
  paid_out: ['已打款', 'paid out'],
  returned: ['已退回', 'returned'],
  cancelled: ['已取消', 'cancelled'],
};

/** `YYYY-MM-DD HH:mm` of an ISO time in China time (the callers' hotline), as read out. */
function chinaTime(iso: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return Number.isNaN(Date.parse(iso)) ? iso : `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** A self-service answer as the caller hears it (zh-CN and en-US); times in China time, amounts in yuan with 2 decimals. */
export function answerText(answer: InternalSelfServiceResponse): CallerMessage {
  switch (answer.service) {
    case 'order-status': {
      if (!answer.found || !answer.orderId) return msg('未找到该订单。', 'We found no such order of yours.');
      const [zh, en] = ORDER_STATUS[answer.status ?? ''] ?? [answer.status ?? '', answer.status ?? ''];
      const l = answer.latestLogistics;
      return msg(
        `订单${answer.orderId}的状态是：${zh}。${l ? `最新物流：${chinaTime(l.at)}，${l.location}，${l.description}。` : '暂无物流信息。'}`,
        `Order ${answer.orderId} is ${en}. ${l ? `Latest logistics: ${chinaTime(l.at)}, ${l.location}, ${l.description}.` : 'No logistics yet.'}`,
      );
    }
    case 'consignment-status': {
      if (!answer.found) return msg('您目前没有寄售。', 'You have no consignment.');
      const [zh, en] = CONSIGNMENT_STATUS[answer.status ?? ''] ?? [answer.status ?? '', answer.status ?? ''];
      return msg(`您最近的寄售${answer.productName ?? ''}的状态是：${zh}。`, `Your latest consignment, ${answer.productName ?? ''}, is ${en}.`);
    }
    case 'loan-next-due': {
      if (!answer.found || answer.amountFen === null) return msg('您目前没有待还款项。', 'You have nothing due.');
      const yuan = (answer.amountFen / 100).toFixed(2);
      return msg(`您的下一期还款日是${answer.dueDate}，应还${yuan}元。`, `Your next instalment of ${yuan} yuan is due on ${answer.dueDate}.`);
    }
  }
}

/** Rejects after the directory's bound (`directoryTimeoutMs`). */
function bounded<T>(s: EngineState, p: Promise<T>): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, fail) => {
      const t = setTimeout(() => fail(new Error('directory timeout')), s.directoryTimeoutMs);
      t.unref?.();
    }),
  ]);
}

function treeFor(s: EngineState, session: IvrSession): IvrTree | null {
  return treeOf(s, session.hotline, session.version);
}

function track(call: Call, keys: string): void {
  call.keyTrack = (call.keyTrack + keys).slice(0, 64);
}

/** Plays `text` to the caller: kept on the session (last 50) and told to the network. */
function play(s: EngineState, call: Call, session: IvrSession, kind: IvrPrompt['kind'], text: CallerMessage): void {
  session.promptSeq++;
  const prompt: IvrPrompt = { seq: session.promptSeq, at: s.clock.now(), kind, node: session.node, text };
  session.prompts.push(prompt);
  if (session.prompts.length > 50) session.prompts.splice(0, session.prompts.length - 50);
  s.markCall(call);
  s.network.ivrPrompt?.(call.id, prompt);
}

/**
 * Starts an interactive session for a call in the IVR phase: it pins the current version of its hotline's
 * tree and enters the root. Runs inside a step.
 */
export function startSession(s: EngineState, call: Call, to: string | undefined): void {
  const hotline = hotlineOf(s, to);
  const session: IvrSession = {
    hotline,
    version: s.ivr.current.version,
    node: null,
    step: 'none',
    awaiting: 'key',
    repeats: 0,
    buffer: '',
    pendingNode: null,
    identifiedUserId: null,
    proof: null,
    answered: false,
    seq: 0,
    promptSeq: 0,
    prompts: [],
  };
  call.ivrSession = session;
  const tree = treeFor(s, session);
  if (!tree) return toAgent(s, call, session, false);
  enter(s, call, session, tree.root);
}

/** Moves to node `id` and plays its step (a missing node: an agent). */
function enter(s: EngineState, call: Call, session: IvrSession, id: string): void {
  const tree = treeFor(s, session);
  const node: IvrNode | undefined = tree?.nodes[id];
  session.seq++;
  session.node = id;
  session.repeats = 0;
  session.buffer = '';
  if (!tree || !node) return toAgent(s, call, session, true);
  switch (node.kind) {
    case 'menu':
      session.step = 'menu';
      session.awaiting = 'key';
      play(s, call, session, 'prompt', node.prompt);
      return;
    case 'group':
      if (node.prompt) play(s, call, session, 'prompt', node.prompt);
      return leave(s, call, session, node.group);
    case 'verify':
      if (call.verificationStatus === 'verified') return enter(s, call, session, node.next);
      session.step = 'verify';
      session.awaiting = 'digits';
      play(s, call, session, 'prompt', node.prompt);
      return;
    case 'self-service':
      if (call.verificationStatus !== 'verified' || !session.proof) {
        // Self-service answers only a verified caller: verify first, then come back here.
        session.pendingNode = id;
        session.step = 'verify';
        session.awaiting = 'digits';
        play(s, call, session, 'notice', IVR_NOTICES.verifyFirst);
        return;
      }
      session.pendingNode = null;
      play(s, call, session, 'prompt', node.prompt);
      if (node.service === 'order-status') {
        session.step = 'order-number';
        session.awaiting = 'digits';
        return;
      }
      return ask(s, call, session, node.service, undefined);
  }
}

/** Leaves the IVR for an agent: the tree's `agentGroup`, or the default group. */
function toAgent(s: EngineState, call: Call, session: IvrSession, announce: boolean): void {
  const tree = treeFor(s, session);
  if (announce) play(s, call, session, 'notice', IVR_NOTICES.toAgent);
  leave(s, call, session, tree?.agentGroup ?? s.defaultGroup);
}

/**
 * Leaves the IVR into `group`'s queue (an unknown group: the default one). The calling number's account is
 * looked up first (the agent's screen shows it), bounded by `directoryTimeoutMs`.
 */
function leave(s: EngineState, call: Call, session: IvrSession, group: string): void {
  session.seq++;
  session.step = 'none';
  session.awaiting = 'done';
  session.node = null;
  session.proof = null;
  call.skillGroup = s.groups.has(group) ? group : s.defaultGroup;
  s.markCall(call);
  const seq = session.seq;
  void bounded(s, s.directory.userByPhone(call.number))
    .catch(() => null)
    .then((byPhone) =>
      s.run(() => {
        if (call.phase !== 'ivr' || s.calls.get(call.id) !== call || session.seq !== seq) return;
        call.numberUserId = byPhone?.userId ?? null;
        if (!call.userId && byPhone) {
          call.userId = byPhone.userId;
          call.customerName = byPhone.name;
          call.customerLevel = byPhone.level ?? null;
        }
        call.ivrInput = null;
        enqueue(s, call, call.skillGroup ?? s.defaultGroup, { front: false, keepWait: false, admit: true });
      }),
    );
}

/**
 * Keys the caller pressed (one key or several, e.g. `1`, `13800138000#`), in order. Returns false when the
 * call has no interactive session waiting for keys. Runs inside a step.
 */
export function pressKeys(s: EngineState, call: Call, digits: string): boolean {
  const session = call.ivrSession;
  if (!session || call.phase !== 'ivr' || session.awaiting === 'done' || session.awaiting === 'checking') return false;
  for (const raw of digits) {
    // (Each key may move the session on: read what it waits for afresh.)
    const awaiting = session.awaiting as IvrSession['awaiting'];
    if (awaiting === 'done' || awaiting === 'checking') break;
    const key = raw === 'x' ? 'X' : raw;
    if (session.awaiting === 'key') pressKey(s, call, session, key);
    else keyDigit(s, call, session, key);
  }
  s.markCall(call);
  return true;
}

function repeatOrAgent(s: EngineState, call: Call, session: IvrSession, tree: IvrTree, again: () => void): void {
  session.repeats++;
  if (session.repeats >= tree.maxRepeats) return toAgent(s, call, session, true);
  again();
}

function pressKey(s: EngineState, call: Call, session: IvrSession, key: string): void {
  const tree = treeFor(s, session);
  const node = tree && session.node ? tree.nodes[session.node] : undefined;
  if (!tree || !node) return toAgent(s, call, session, true);
  if (key === '0') {
    track(call, '0');
    return toAgent(s, call, session, true);
  }
  if (session.step === 'after-answer' && node.kind === 'self-service') {
    // Every key pressed is on the track, invalid ones too (they show where callers get lost).
    track(call, key);
    if (key === '1') return enter(s, call, session, session.node!);
    if (key === '*') return enter(s, call, session, node.next ?? tree.root);
    if (key === '9') return resolved(s, call, session);
    return repeatOrAgent(s, call, session, tree, () => {
      play(s, call, session, 'invalid', tree.invalidPrompt);
      play(s, call, session, 'prompt', IVR_NOTICES.afterAnswer);
    });
  }
  if (node.kind !== 'menu') return;
  const target = node.options[key];
  track(call, key);
  if (target) return enter(s, call, session, target);
  repeatOrAgent(s, call, session, tree, () => {
    play(s, call, session, 'invalid', tree.invalidPrompt);
    play(s, call, session, 'prompt', node.prompt);
  });
}

function keyDigit(s: EngineState, call: Call, session: IvrSession, key: string): void {
  if (key === '*') {
    // While keying a number, * gives up and reaches an agent (0 is a digit there; `0#` does the same).
    track(call, '*');
    return toAgent(s, call, session, true);
  }
  if (key !== '#') {
    if (session.buffer.length < 20) session.buffer += key;
    return;
  }
  const input = session.buffer;
  session.buffer = '';
  if (input === '0') {
    track(call, '0');
    return toAgent(s, call, session, true);
  }
  if (session.step === 'order-number') {
    track(call, `${input}#`);
    const node = treeFor(s, session)?.nodes[session.node ?? ''];
    return ask(s, call, session, node?.kind === 'self-service' ? node.service : 'order-status', input);
  }
  // Identity digits are personal data: the key track keeps only their count.
  track(call, `${'*'.repeat(input.length)}#`);
  void checkIdentity(s, call, session, input);
}

/** The node to continue with after a verification passed: the self-service that asked for it, or the verify node's `next`. */
function afterVerified(tree: IvrTree, session: IvrSession): string {
  if (session.pendingNode) return session.pendingNode;
  const node = tree.nodes[session.node ?? ''];
  return node?.kind === 'verify' ? node.next : tree.root;
}

/** Checks keyed identity digits through the directory, then continues (verified), asks the ID suffix (identified) or repeats (failed). */
async function checkIdentity(s: EngineState, call: Call, session: IvrSession, input: string): Promise<void> {
  const suffixStep = session.step === 'verify-suffix';
  session.awaiting = 'checking';
  const seq = ++session.seq;
  let result: { status: 'verified' | 'identified' | 'failed'; method: VerificationMethod | null; userId: string | null; name: string | null; level: MemberLevel | null };
  try {
    const checked = await bounded(s, s.directory.verify(call.number, input, suffixStep ? (session.identifiedUserId ?? undefined) : undefined));
    if (checked.status === 'verified' && checked.userId && (!suffixStep || checked.userId === session.identifiedUserId)) {
      const user = await bounded(s, s.directory.userById(checked.userId)).catch(() => null);
      result = { status: 'verified', method: checked.method, userId: checked.userId, name: user?.name ?? null, level: user?.level ?? null };
    } else if (!suffixStep && checked.level === 'identified' && checked.userId) {
      result = { status: 'identified', method: checked.method, userId: checked.userId, name: null, level: null };
    } else result = { status: 'failed', method: checked.method, userId: null, name: null, level: null };
  } catch (error) {
    s.log(`IVR verification for ${call.id} failed: ${errorSummary(error)}`);
    result = { status: 'failed', method: null, userId: null, name: null, level: null };
  }
  s.run(() => {
    if (call.phase !== 'ivr' || s.calls.get(call.id) !== call || session.seq !== seq) return;
    const tree = treeFor(s, session);
    if (!tree) return toAgent(s, call, session, true);
    session.awaiting = 'digits';
    call.verificationMethod = result.method;
    if (result.status === 'verified') {
      session.proof = suffixStep ? { input: session.proof?.input ?? '', idSuffix: input } : { input };
      call.verificationStatus = 'verified';
      call.userId = result.userId;
      call.customerName = result.name;
      call.customerLevel = result.level;
      session.identifiedUserId = null;
      play(s, call, session, 'notice', IVR_NOTICES.verified);
      return enter(s, call, session, afterVerified(tree, session));
    }
    if (result.status === 'identified') {
      session.identifiedUserId = result.userId;
      session.proof = { input };
      session.step = 'verify-suffix';
      call.userId = result.userId;
      call.verificationStatus = 'unverified';
      play(s, call, session, 'prompt', IVR_NOTICES.idSuffix);
      return;
    }
    call.verificationStatus = 'failed';
    session.proof = null;
    session.identifiedUserId = null;
    session.step = 'verify';
    const node = tree.nodes[session.node ?? ''];
    session.repeats++;
    if (session.repeats >= tree.maxRepeats) {
      play(s, call, session, 'notice', IVR_NOTICES.verifyFailed);
      if (node?.kind === 'verify' && node.onFail && !session.pendingNode) return enter(s, call, session, node.onFail);
      return toAgent(s, call, session, true);
    }
    play(s, call, session, 'notice', IVR_NOTICES.verifyFailed);
    play(s, call, session, 'prompt', node?.kind === 'verify' && !session.pendingNode ? node.prompt : IVR_NOTICES.verifyFirst);
  });
}

/** Asks the api a self-service question for the verified caller, plays the answer, then offers: again, menu, finish, agent. */
function ask(s: EngineState, call: Call, session: IvrSession, service: IvrSelfService, orderNumber: string | undefined): void {
  const proof = session.proof;
  const selfService = s.directory.selfService?.bind(s.directory);
  if (!proof || !selfService) {
    play(s, call, session, 'notice', IVR_NOTICES.unavailable);
    return toAgent(s, call, session, true);
  }
  session.awaiting = 'checking';
  const seq = ++session.seq;
  void bounded(
    s,
    selfService({ callerPhone: call.number, input: proof.input, ...(proof.idSuffix && { idSuffix: proof.idSuffix }), service, ...(orderNumber !== undefined && { orderNumber }) }),
  )
    .then((answer) => ({ answer }))
    .catch((error: unknown) => {
      s.log(`IVR self-service for ${call.id} failed: ${errorSummary(error)}`);
      return { answer: null };
    })
    .then(({ answer }) =>
      s.run(() => {
        if (call.phase !== 'ivr' || s.calls.get(call.id) !== call || session.seq !== seq) return;
        if (!answer) {
          play(s, call, session, 'notice', IVR_NOTICES.unavailable);
          return toAgent(s, call, session, true);
        }
        play(s, call, session, 'answer', answerText(answer));
        session.answered = true;
        session.step = 'after-answer';
        session.awaiting = 'key';
        session.repeats = 0;
        play(s, call, session, 'prompt', IVR_NOTICES.afterAnswer);
      }),
    );
}

/** The caller chose to finish after an answer: the call ends resolved in self-service. */
function resolved(s: EngineState, call: Call, session: IvrSession): void {
  play(s, call, session, 'notice', IVR_NOTICES.goodbye);
  session.seq++;
  session.awaiting = 'done';
  session.step = 'none';
  session.proof = null;
  call.ivrOutcome = 'self-service';
  call.ivrInput = null;
  endCall(s, call, 'caller-hangup');
}

/**
 * Walks the tree with keys given up front (`InboundCallRequest.keys`), for callers that do not answer
 * prompts: menu keys pick options; a verify or self-service node passes on (the up-front `verify` is checked
 * as before); keys that run out, 0 or an invalid key end at an agent (`agentGroup` or the default group).
 * Returns the skill group the caller queues in.
 */
export function groupByKeys(s: EngineState, to: string | undefined, keys: string): string {
  const tree = s.ivr.current.hotlines[hotlineOf(s, to)];
  const agent = tree?.agentGroup ?? s.defaultGroup;
  if (!tree) return agent;
  let id = tree.root;
  let i = 0;
  for (let hops = 0; hops < 100; hops++) {
    const node = tree.nodes[id];
    if (!node) return agent;
    if (node.kind === 'group') return node.group;
    if (node.kind === 'verify') {
      id = node.next;
      continue;
    }
    if (node.kind === 'self-service') return agent;
    const key = keys.charAt(i++);
    const target = key ? node.options[key] : undefined;
    if (!target) return agent;
    id = target;
  }
  return agent;
}

/** A call's interactive session as the simulator and `pnpm call --interactive` see it: prompts after `after`. */
export function sessionView(call: Call, after = 0): IvrSessionView | null {
  const session = call.ivrSession;
  if (!session) return null;
  const outcome = call.ivrOutcome ?? (call.phase === 'ended' ? 'hung-up' : session.awaiting === 'done' ? 'queued' : null);
  return {
    callId: call.id,
    hotline: session.hotline,
    version: session.version,
    node: session.node,
    awaiting: call.phase === 'ivr' ? session.awaiting : 'done',
    keyTrack: call.keyTrack,
    prompts: session.prompts.filter((p) => p.seq > after),
    outcome,
  };
}

/** After a restart: a session that was waiting for the api asks its current step again. */
export function resumeSession(s: EngineState, call: Call): void {
  const session = call.ivrSession;
  if (!session || call.phase !== 'ivr') return;
  if (session.awaiting === 'done') return leave(s, call, session, call.skillGroup ?? s.defaultGroup);
  if (session.awaiting === 'checking' && session.node) enter(s, call, session, session.pendingNode ?? session.node);
}
