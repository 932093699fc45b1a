import { defineMessages } from '@octopus/ui';

/** Strings of call notices, the notice list and the phone takeover, in both languages. */
export const noticeMessages = defineMessages({
  'notice.missed': {
    'zh-CN': '你错过了一个来电，状态已变为“忙碌”，不会再有来电分配给你。',
    'en-US': 'You missed a call. You are now Busy, so no more calls will reach you.',
  },
  'notice.transfer-failed': { 'zh-CN': '转接未被接听或被拒绝，通话已回到你这里。', 'en-US': 'The transfer was declined or not answered; the call is back with you.' },
  'notice.consult-failed': { 'zh-CN': '咨询未被接听，客户仍在保持中。', 'en-US': 'The consultation was not answered; the caller is still on hold.' },
  'notice.consult-ended': { 'zh-CN': '被咨询的坐席已离开咨询。', 'en-US': 'The consulted agent left the consultation.' },
  'notice.caller-hangup-ringing': { 'zh-CN': '来电在振铃时客户已挂断。', 'en-US': 'The caller hung up while the call was ringing.' },
  'notice.caller-hangup-held': { 'zh-CN': '客户在保持中挂断了电话。', 'en-US': 'The caller hung up while on hold.' },
  'notice.phone-taken': {
    'zh-CN': '本坐席的另一个窗口或另一台电脑接管了话机，此窗口现在只读跟随。',
    'en-US': 'Another tab or device of yours took the phone; this tab now only follows.',
  },
  'notice.ended-elsewhere': {
    'zh-CN': '通话已在本坐席的另一个窗口或另一台电脑上结束。',
    'en-US': 'The call was ended in another tab or on another device of yours.',
  },
  'notice.rating': { 'zh-CN': '客户完成了满意度评价。', 'en-US': 'The caller rated the call.' },
  'notice.requeued': { 'zh-CN': '通话已重新排队。', 'en-US': 'The call went back to the queue.' },
  'notice.other': { 'zh-CN': '话务通知：{message}', 'en-US': 'Telephony notice: {message}' },
  noticeTitle: { 'zh-CN': '通话通知', 'en-US': 'Call notice' },
  backToIdle: { 'zh-CN': '恢复空闲', 'en-US': 'Back to Idle' },
  noticeList: { 'zh-CN': '通知', 'en-US': 'Notices' },
  noNotices: { 'zh-CN': '暂无通知', 'en-US': 'No notices' },
  takePhoneTitle: { 'zh-CN': '在此窗口接管话机？', 'en-US': 'Take the phone here?' },
  takePhoneOnCall: {
    'zh-CN': '本坐席正在另一个窗口或另一台电脑上通话。接管后通话在此窗口继续，另一处只读跟随。',
    'en-US': 'This agent is on a call in another tab or on another device. Take over? The call continues here; the other one only follows.',
  },
  takePhoneIdle: {
    'zh-CN': '话机在本坐席的另一个窗口或另一台电脑上。接管后来电会在此窗口振铃，另一处只读跟随。',
    'en-US': 'The phone is in another tab or on another device of yours. Take over? Calls will ring here; the other one only follows.',
  },
  takeOver: { 'zh-CN': '接管', 'en-US': 'Take over' },
  cancel: { 'zh-CN': '取消', 'en-US': 'Cancel' },
});
