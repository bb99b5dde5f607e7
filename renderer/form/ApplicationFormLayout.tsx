import type { ReactNode } from 'react';
import { Card, Col, Form, Row } from 'antd';
import type { AttachmentView } from '../../core/api/views';
import type { CatalogItem, ReceivedMaterials } from '../../core/catalog/model';
import type { Errors } from './errors';
import { FormFields } from './FormFields';
import { MaterialsChecklist } from './MaterialsChecklist';
import { moveOnEnter } from './move-on-enter';
import { RefusalAlert } from './RefusalAlert';
import { ScanPanel } from './ScanPanel';

export interface ApplicationFormLayoutProps {
  item: CatalogItem;
  applicationId: string;
  titles: { form: string; materials: string; scans: string };
  values: Record<string, unknown>;
  errors: Errors;
  onChange(key: string, value: unknown): void;
  onBlur(path: string): void;
  materials: ReceivedMaterials;
  onMaterials(next: ReceivedMaterials): void;
  attachments: AttachmentView[];
  onScanAdded(a: AttachmentView): void;
  refusal: string | null;
  onRefusalClose(): void;
  /** Below the scans in the side column: the screen's own fields and buttons. */
  children: ReactNode;
}

/**
 * The editing screen the cadre knows from intake: the station's refusal, the form on the left, the paper
 * materials and scans on the right. Intake and the supplement (补正) both use it, so they look and behave alike.
 */
export function ApplicationFormLayout(p: ApplicationFormLayoutProps) {
  return (
    <>
      <RefusalAlert refusal={p.refusal} onClose={p.onRefusalClose} />
      <Row gutter={16}>
        <Col span={16}>
          <Card size="small" title={p.titles.form}>
            <Form layout="vertical" component="div" onKeyDown={moveOnEnter}>
              <FormFields fields={p.item.form.fields} values={p.values} errors={p.errors} onChange={p.onChange} onBlur={p.onBlur} />
            </Form>
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title={p.titles.materials} style={{ marginBottom: 12 }}>
            <MaterialsChecklist materials={p.item.materials} received={p.materials} errors={p.errors} onChange={p.onMaterials} />
          </Card>
          <Card size="small" title={p.titles.scans} style={{ marginBottom: 12 }}>
            <ScanPanel applicationId={p.applicationId} attachments={p.attachments} onAdded={p.onScanAdded} />
          </Card>
          {p.children}
        </Col>
      </Row>
    </>
  );
}
