// The antd components Octopus uses, re-exported. Apps and remotes import antd only through here, so the
// one shared copy holds just these components instead of all of antd (~450 KB gzip). A shared module is
// never tree-shaken, so every name here ships at login whether used or not: antd.test.ts fails on a
// component no app imports. Need another component? Add it here and release @octopus/ui (see
// docs/adr/0003-share-antd-through-octopus-ui.md).
export {
  Alert,
  App,
  Badge,
  Button,
  Card,
  ConfigProvider,
  Descriptions,
  Empty,
  Flex,
  Input,
  Layout,
  Modal,
  Popconfirm,
  Popover,
  Progress,
  Radio,
  Segmented,
  Skeleton,
  Space,
  Tabs,
  Tag,
  Tooltip,
  Typography,
  theme,
} from 'antd';
export type {
  ButtonProps,
  DescriptionsProps,
  MenuProps,
  TabsProps,
  TagProps,
} from 'antd';
