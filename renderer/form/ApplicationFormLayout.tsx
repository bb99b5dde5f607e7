import type { ReactNode } from 'react';
import { Card, Col, Form, Row } from 'antd';
import type { CatalogItem } from '../../core/catalog/model';
import { CounterGuide } from './CounterGuide';
import { FormFields } from './FormFields';
import { MaterialsChecklist } from './MaterialsChecklist';
import { enterMovesOnThen, focusNextNeeded } from './move-on-enter';
import { RefusalAlert } from './RefusalAlert';
import { ScanPanel } from './ScanPanel';
import type { ApplicationFormState } from './use-application-form';

export interface ApplicationFormLayoutProps {
  item: CatalogItem;
  applicationId: string;
  titles: { form: string; materials: string; scans: string };
  /** Values, marks, refusal and handlers (useApplicationForm). */
  form: ApplicationFormState;
  /** Below the scans in the side column: the screen's own fields and buttons. */
  children: ReactNode;
  /** The item's 受理条件 and 办理流程 above the form (intake; a supplement has its own notice on top). */
  guide?: boolean;
}

/**
 * The editing screen the cadre knows from intake: the station's refusal, the form on the left, the paper
 * materials and scans on the right. Intake and the supplement (补正) both use it, so they look and behave alike.
 */
/** Enter after the last field walks on to the materials still needed, then to the next-step button. */
const afterLastField = enterMovesOnThen(() => focusNextNeeded());

export function ApplicationFormLayout(p: ApplicationFormLayoutProps) {
  const f = p.form;
  return (
    <>
      <RefusalAlert refusal={f.refusal} onClose={f.clearRefusal} />
      <Row gutter={16}>
        <Col span={16}>
          {p.guide && <CounterGuide item={p.item} />}
          <Card size="small" title={p.titles.form}>
            <Form layout="vertical" component="div" {...afterLastField}>
              <FormFields fields={p.item.form.fields} live={f.live} values={f.values} errors={f.errors} onChange={f.onChange} onBlur={f.onBlur} />
            </Form>
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title={p.titles.materials} style={{ marginBottom: 12 }}>
            <MaterialsChecklist materials={p.item.materials} received={f.materials} errors={f.errors} onChange={f.onMaterials} />
          </Card>
          <Card size="small" title={p.titles.scans} style={{ marginBottom: 12 }}>
            <ScanPanel applicationId={p.applicationId} attachments={f.attachments} onAdded={f.onScanAdded} />
          </Card>
          {p.children}
        </Col>
      </Row>
    </>
  );
}
